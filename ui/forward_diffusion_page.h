// The Forward diffusion page: pick an image from a data set and slide t to watch
// x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps with one fixed eps, with the formula's numbers and a
// histogram.
#pragma once

#include "data/image_batch.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QCPBars;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace de {

class ExplorerSession;
class ImageGridView;

class ForwardDiffusionPage : public QWidget
{
    Q_OBJECT
public:
    explicit ForwardDiffusionPage(ExplorerSession *session, QWidget *parent = nullptr);

    int timestep() const;
    QString formulaText() const;
    const ImageBatch &noisy() const { return m_xt; }

public slots:
    void loadDataset();
    void setTimestep(int t);
    void setImageIndex(int index);
    void randomImage();
    // The animation of t (the play button, and the presentation keys): ten timesteps a step.
    void stepForward();
    void stepBack();
    void togglePlay();

protected:
    // The first visit loads the sprite set by itself, so the page never opens empty.
    void showEvent(QShowEvent *event) override;

private:
    void datasetChanged();
    void newNoise();
    void recompute();

    ExplorerSession *m_session;
    ImageBatch m_x0, m_eps, m_xt;
    QComboBox *m_dataset = nullptr, *m_schedule = nullptr;
    QPushButton *m_load = nullptr;
    QToolButton *m_play = nullptr;
    QTimer m_playTimer;
    bool m_loadRequested = false;
    QSpinBox *m_index = nullptr, *m_noiseSeed = nullptr;
    QSlider *m_t = nullptr;
    QLabel *m_tLabel = nullptr, *m_formula = nullptr, *m_info = nullptr;
    ImageGridView *m_x0View = nullptr, *m_epsView = nullptr, *m_xtView = nullptr;
    QCustomPlot *m_histogram = nullptr;
    QCPBars *m_bars = nullptr;
};

} // namespace de
