#include "inspectionrunner.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace Revscope {

InspectionRunner::InspectionRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<InspectionPtr>();
}

InspectionRunner::~InspectionRunner()
{
    cancel();
    m_watcher.waitForFinished();
}

void InspectionRunner::start(const InspectOptions &options)
{
    cancel();
    // The previous run may still be unwinding; its watcher connection is
    // replaced so its result is dropped.
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();

    const quint64 generation = ++m_generation;
    auto cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelFlag;

    QPointer<InspectionRunner> self(this);
    auto report = [self, generation](int done, int total, const QString &what) {
        // Called on worker threads: hop to the runner's thread.
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, done, total, what] {
                if (self && self->m_generation == generation) {
                    Q_EMIT self->progress(done, total, what);
                }
            },
            Qt::QueuedConnection);
    };

    connect(&m_watcher, &QFutureWatcher<InspectionPtr>::finished, this, [this, generation] {
        if (generation != m_generation) {
            return;
        }
        const InspectionPtr result = m_watcher.result();
        if (result) {
            Q_EMIT finished(result);
        } else {
            Q_EMIT cancelled();
        }
    });
    m_watcher.setFuture(QtConcurrent::run([options, report, cancelFlag] {
        return Inspector::inspect(options, report, cancelFlag.get());
    }));
}

void InspectionRunner::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

bool InspectionRunner::isRunning() const
{
    return m_watcher.isRunning();
}

} // namespace Revscope
