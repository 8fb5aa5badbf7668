#pragma once

#include "inspection/inspection.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QModelIndex;
class QTableView;
class QTextBrowser;

namespace Revscope {

class FindingsDecorator;
class FindingsFilterModel;
class FindingsModel;
class InspectionRunner;

// The explorer window: opens a project, inspects it off the GUI thread and
// lists its findings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // `databaseUrl`: an SQLAlchemy URL, `ini` for the configs' sqlalchemy.url,
    // or empty for no database.
    void openProject(const QString &path, const QString &databaseUrl = QString());
    void openDemo();
    void resetDemo();
    QString projectPath() const { return m_projectPath; }
    InspectionPtr inspection() const { return m_inspection; }

Q_SIGNALS:
    void inspectionReady();

private:
    void createActions();
    void createCentralWidget();
    void chooseFolder();
    void reload();
    void showAbout();
    void onProgress(int done, int total, const QString &what);
    void onFinished(const Revscope::InspectionPtr &inspection);
    void showFindingDetails(const QModelIndex &current);
    void updateEnvironmentSelector();
    void updateSummary();
    void showError(const QString &message);

    QString m_projectPath;
    QString m_databaseUrl;
    InspectionPtr m_inspection;
    InspectionRunner *m_runner = nullptr;
    FindingsModel *m_model = nullptr;
    FindingsFilterModel *m_filter = nullptr;
    FindingsDecorator *m_decorator = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QComboBox *m_environment = nullptr;
    QComboBox *m_severity = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
};

} // namespace Revscope
