// Two threads hand data over through a QMutex only: correct code, which ThreadSanitizer can judge only if it
// sees the mutex.
#include <QCoreApplication>
#include <QMutex>
#include <QThread>
#include <cstdio>
static QMutex mutex;
static int shared = 0;
static bool ready = false;
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (int round = 0; round < 20; ++round) { // the reports depend on timing: give them chances
        QThread *t = QThread::create([] {
            QMutexLocker lock(&mutex);
            shared += 1;
            ready = true;
        });
        t->start();
        for (;;) {
            QMutexLocker lock(&mutex);
            if (ready) {
                ready = false;
                break;
            }
        }
        t->wait();
        delete t;
    }
    std::printf("%d\n", shared);
}
