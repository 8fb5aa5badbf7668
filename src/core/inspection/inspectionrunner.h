#pragma once

#include "inspection/inspector.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace Revscope {

// Runs Inspector off the calling thread and hands the result back through
// signals, so a GUI never blocks. Starting a new run cancels the previous one;
// only the latest run's result is delivered.
class InspectionRunner final : public QObject
{
    Q_OBJECT
public:
    explicit InspectionRunner(QObject *parent = nullptr);
    ~InspectionRunner() override;

    void start(const InspectOptions &options);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void progress(int done, int total, const QString &what);
    void finished(const Revscope::InspectionPtr &inspection);
    void cancelled();

private:
    QFutureWatcher<InspectionPtr> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
};

} // namespace Revscope

Q_DECLARE_METATYPE(Revscope::InspectionPtr)
