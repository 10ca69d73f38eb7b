// The Denoising page: sample a model with DDPM or DDIM, guidance and a context, watch every step stream in,
// then move along the timeline to see x_t, the predicted noise and the predicted clean image side by side.
#pragma once

#include "worker/work_types.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;
class QToolButton;

namespace de {

class BranchDialog;
class ContextControls;
class ExplorerSession;
class ImageGridView;

class DenoisingPage : public QWidget
{
    Q_OBJECT
public:
    explicit DenoisingPage(ExplorerSession *session, QWidget *parent = nullptr);

    bool isRunning() const { return m_activeTag != 0; }
    int frameCount() const { return int(m_frames.size()); }
    int currentFrame() const { return m_current; }
    const QVector<SampleStep> &frames() const { return m_frames; }
    const SampleRequest &lastRequest() const { return m_lastRequest; }
    ContextControls *contextControls() const { return m_context; }
    QSlider *timeline() const { return m_timeline; }

    // Each returns an empty string on success, otherwise the reason.
    QString exportFramePng(const QString &path) const;
    // Every frame at `scale` pixels per image pixel, with its step and t drawn above it.
    QString exportTrajectoryGif(const QString &path, int scale = 3) const;
    QString exportFinalGrid(const QString &path, int scale) const;
    // "step k of N · t = T": the caption of a frame in exports.
    QString frameCaption(const SampleStep &step) const;
    // The branches' view: the run's own result of the branched sample, then the branches; null until a
    // branch.
    ImageGridView *branchView() const;
    bool canBranch() const;

public slots:
    void generate();
    void preview();
    void cancel();
    void setCurrentFrame(int index);
    // The timeline (buttons, keys, and the presentation keys).
    void stepForward();
    void stepBack();
    void togglePlay();
    void goToStart();
    void goToEnd();
    void configure(de::SamplerKind kind, int ddimSteps, int count, quint64 seed);
    // Paths not taken: reruns the selected sample from the step shown, with fresh noise, four times, on the
    // run's remaining timesteps (DDPM, or DDIM with eta > 0: a deterministic sampler has only one path).
    void branch();
    void setGuidance(double w);

signals:
    // The shown step changed (or a new trajectory arrived).
    void frameChanged(int index);
    void statusMessage(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void checkpointChanged();
    void plotSchedule();
    SampleRequest makeRequest(bool quick) const;
    void start(const SampleRequest &request, const SampleRequest *compare);
    void onStep(const SampleStep &step);
    void onFinished(const SampleResult &result);
    void showFrame();
    void showEnlarged();
    void updatePlots();
    int columns() const;

    ExplorerSession *m_session;
    QVector<SampleStep> m_frames, m_framesB;
    // Forgets the last run and empties its views (another model was opened).
    void clearFrames();
    QElapsedTimer m_runClock; // since the running generation started, for its time estimate
    QVector<double> m_stdX, m_stdX0; // per frame: the spread of x_t and of the predicted x0
    int m_current = 0;
    int m_activeTag = 0, m_compareTag = 0, m_branchTag = 0, m_nextTag = 1;
    int m_branchSample = 0, m_branchFrame = 0;
    BranchDialog *m_branchDialog = nullptr;
    QPushButton *m_branch = nullptr;
    void updateBranchButton();
    SampleRequest m_lastRequest;
    QTimer m_play;
    QTimer m_previewDelay;

    QComboBox *m_sampler = nullptr;
    QSpinBox *m_steps = nullptr, *m_count = nullptr, *m_seed = nullptr;
    QDoubleSpinBox *m_eta = nullptr, *m_guidance = nullptr, *m_guidanceB = nullptr;
    QCheckBox *m_noNoise = nullptr, *m_compare = nullptr;
    QComboBox *m_compareWhat = nullptr, *m_contextB = nullptr;
    QScrollArea *m_controls = nullptr; // the side panel
    QPushButton *m_generate = nullptr, *m_cancel = nullptr;
    ContextControls *m_context = nullptr;
    QLabel *m_modelLabel = nullptr, *m_stepLabel = nullptr, *m_explain = nullptr;
    ImageGridView *m_xt = nullptr, *m_eps = nullptr, *m_x0 = nullptr, *m_xtB = nullptr;
    ImageGridView *m_bigXt = nullptr, *m_bigEps = nullptr, *m_bigX0 = nullptr;
    QSlider *m_timeline = nullptr;
    QToolButton *m_playButton = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    QCustomPlot *m_schedulePlot = nullptr, *m_stdPlot = nullptr;
    QCPItemStraightLine *m_scheduleCursor = nullptr, *m_stdCursor = nullptr;
};

} // namespace de
