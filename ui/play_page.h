// The Play page: poke the model. "Draw and denoise" starts sampling from the learner's own picture noised to
// a chosen t (SDEdit), or repaints only a masked part of it (inpainting); "Walk between noises" samples the
// path from one seed's noise to another's (and from one class to another) as a strip and an animation.
#pragma once

#include "worker/work_types.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;
class QToolButton;

namespace de {

class ExplorerSession;
class ImageGridView;
class PaintCanvas;

class PlayPage : public QWidget
{
    Q_OBJECT
public:
    explicit PlayPage(ExplorerSession *session, QWidget *parent = nullptr);

    PaintCanvas *canvas() const { return m_canvas; }
    bool isRunning() const { return m_activeTag != 0; }
    // The last finished results: the samples of Draw and denoise, and the walk's frames.
    const ImageBatch &results() const { return m_results; }
    const ImageBatch &walkFrames() const { return m_walkFrames; }

public slots:
    void run();
    void walk();
    void cancel();
    // Picks a random image of the model's data set (loading it first when another set is loaded).
    void pickFromDataset();
    void importPicture();
    // Puts the picture at path on the Draw tab's canvas (scaled to the model); a message box says why not.
    bool importPictureFrom(const QString &path);
    void toggleAnimation();

signals:
    void statusMessage(const QString &message);

protected:
    // The first visit shows something at once: a picture of the data set, already noised and denoised.
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    QWidget *buildDrawTab();
    QWidget *buildWalkTab();
    void checkpointChanged();
    void datasetChanged();
    void updateStartLabel();
    void updateButtons();
    QVector<float> oneHot(int cls) const;
    void fillSamplerBox(QComboBox *box, bool deterministicOnly);
    void onStep(const SampleStep &step);
    void onFinished(const SampleResult &result);

    ExplorerSession *m_session;
    int m_activeTag = 0, m_walkTag = 0, m_nextTag = 1;
    bool m_pickWhenLoaded = false, m_visited = false, m_runWhenPicked = false;
    ImageBatch m_results, m_walkFrames;
    QTimer m_animation;
    int m_animationFrame = 0, m_animationDirection = 1;

    QTabWidget *m_tabs = nullptr;
    PaintCanvas *m_canvas = nullptr;
    QToolButton *m_pencil = nullptr, *m_fill = nullptr, *m_picker = nullptr, *m_colorButton = nullptr;
    QComboBox *m_layer = nullptr;
    QSpinBox *m_brush = nullptr;
    QSlider *m_startT = nullptr;
    QLabel *m_startLabel = nullptr, *m_explain = nullptr, *m_walkExplain = nullptr, *m_walkProblem = nullptr;
    QComboBox *m_sampler = nullptr, *m_class = nullptr;
    QSpinBox *m_steps = nullptr, *m_count = nullptr, *m_seed = nullptr;
    QDoubleSpinBox *m_guidance = nullptr;
    QCheckBox *m_useMask = nullptr;
    QPushButton *m_run = nullptr, *m_cancel = nullptr;
    ImageGridView *m_noised = nullptr, *m_resultsView = nullptr;

    QSpinBox *m_seedA = nullptr, *m_seedB = nullptr, *m_frames = nullptr, *m_walkSteps = nullptr;
    QComboBox *m_classA = nullptr, *m_classB = nullptr, *m_walkSampler = nullptr;
    QDoubleSpinBox *m_walkGuidance = nullptr;
    QPushButton *m_walk = nullptr, *m_walkCancel = nullptr, *m_animate = nullptr;
    ImageGridView *m_strip = nullptr, *m_frameView = nullptr;
};

} // namespace de
