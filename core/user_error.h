// An error whose message is meant for the user: it names the problem (a file, a field, a rule).
#pragma once

#include <QString>

#include <stdexcept>

namespace de {

class UserError : public std::runtime_error
{
public:
    explicit UserError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    { }
    QString message() const { return m_message; }

private:
    QString m_message;
};

// A file could not be written (a full disk, a missing folder, no permission): the work failed, not its input.
class WriteError : public UserError
{
public:
    using UserError::UserError;
};

// An input file (a checkpoint, a data set, an image, a mask) is missing, unreadable or damaged: the user's
// input is at fault, not the work. The command line answers it with status 2, like a bad option.
class InputError : public UserError
{
public:
    using UserError::UserError;
};

// Runs read() and turns a UserError it throws into an InputError (other errors pass as they are).
template<typename Read> auto readingInput(Read &&read) -> decltype(read())
{
    try {
        return read();
    } catch (const InputError &) {
        throw;
    } catch (const WriteError &) {
        throw;
    } catch (const UserError &e) {
        throw InputError(e.message());
    }
}

} // namespace de
