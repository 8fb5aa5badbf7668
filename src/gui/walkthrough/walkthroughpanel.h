#pragma once

#include "inspection/inspection.h"
#include "walkthrough/walkthrough.h"

#include <QFutureWatcher>
#include <QList>
#include <QString>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;
class QHBoxLayout;

namespace Revscope {

// The onboarding walkthrough: one environment's history from the bases to
// the heads, one revision at a time (Walkthrough::steps), with a card that
// says what the revision is and what it changes, Previous / Next, autoplay
// and a slider. Compact, for a dock or a bar under the History graph.
//
// The steps are computed off the GUI thread (every script is read for its
// op.* calls); until they arrive the panel shows "Loading…".
// currentRevisionChanged() is emitted for the user's own navigation (buttons,
// keys, slider, autoplay), never for setCurrentRevision() or a new
// inspection, so following a graph click cannot echo back to the graph.
class WalkthroughPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit WalkthroughPanel(QWidget *parent = nullptr);
    ~WalkthroughPanel() override;

    // Shows environment `environmentIndex` of `inspection` (null or out of
    // range: nothing). The current revision is kept when the new history has it.
    void setInspection(const InspectionPtr &inspection, int environmentIndex);
    // Follows a selection made elsewhere (the graph); ignored for revisions
    // the walk does not contain. Applied once the steps arrive when loading.
    void setCurrentRevision(const QString &id);
    QString currentRevision() const;

    bool isLoading() const;
    const QList<WalkthroughStep> &steps() const { return m_steps; }
    int currentIndex() const { return m_current; } // -1 when there are no steps
    bool isPlaying() const;
    // Autoplay interval; the spin box shows whole seconds (1–30).
    int autoplayInterval() const; // milliseconds
    void setAutoplayInterval(int milliseconds);

public Q_SLOTS:
    void start(); // autoplay; from the first step when at the last
    void stop();
    void togglePlay();
    void next();
    void previous();
    void first();
    void last();

Q_SIGNALS:
    void currentRevisionChanged(const QString &id);
    void fileActivated(const QString &file, int line);
    void playingChanged(bool playing);
    void stepsReady(); // the steps of the last setInspection() are shown

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onStepsComputed();
    // Shows step `index`; `user` emits currentRevisionChanged when it moves.
    // A user's step while playing restarts the interval; the timer's own does not.
    void goTo(int index, bool user, bool fromTimer = false);
    void showCard();
    void updateControls();
    void advance();
    QString chipStyle(StepRole role, RevisionOrigin origin) const;

    QFutureWatcher<QList<WalkthroughStep>> m_watcher;
    InspectionPtr m_inspection;
    QList<WalkthroughStep> m_steps;
    int m_current = -1;
    QString m_pendingRevision; // to show once the steps arrive
    bool m_loading = false;
    bool m_hasEnvironment = false;

    QTimer *m_timer = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_id = nullptr;
    QHBoxLayout *m_chips = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_changesTitle = nullptr;
    QLabel *m_changes = nullptr;
    QLabel *m_explanations = nullptr;
    QLabel *m_placeholder = nullptr;
    QWidget *m_card = nullptr;
    QToolButton *m_first = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_play = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_last = nullptr;
    QSlider *m_slider = nullptr;
    QSpinBox *m_interval = nullptr;
};

} // namespace Revscope
