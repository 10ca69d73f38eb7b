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

} // namespace de
