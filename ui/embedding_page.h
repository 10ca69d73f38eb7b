// The embedding view: how time and context enter the network, for the open model. The time embedding of every
// t as a heat map and as curves, the context embedding of the chosen context as bars, and, for one x_t, the
// feature maps of the up path before and after cemb·u + temb, with the formula's numbers for one channel.
#pragma once

#include "diffusion/embeddings.h"

#include <QTimer>
#include <QWidget>
#include <utility>

class QComboBox;
class QCPBars;
class QCPColorMap;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace de {

class ContextControls;
class DenoisingPage;
class ExplorerSession;
class ImageGridView;

class EmbeddingPage : public QWidget
{
    Q_OBJECT
public:
    EmbeddingPage(ExplorerSession *session, DenoisingPage *denoising, QWidget *parent = nullptr);

    // 1: up0's output, scaled and shifted by cemb1 and temb1 (2·n_feat channels); 2: up1's, by cemb2 and
    // temb2.
    int level() const;
    void setLevel(int level);
    int timestep() const;
    void setTimestep(int t);
    int channel() const;
    void setChannel(int channel);
    ContextControls *contextControls() const { return m_context; }
    // The last results, for tests and for the formula.
    const EmbeddingTable &table() const { return m_table; }
    const ModulationMaps &maps() const { return m_maps; }
    bool hasMaps() const { return m_maps.cemb1.size() > 0; }
    QString formulaText() const;

public slots:
    // Steps t by one animation step (the play button and presentation keys).
    void stepForward();
    void stepBack();
    void togglePlay();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void checkpointChanged();
    void contextChanged();
    void syncContext();
    void requestTable();
    void requestMaps();
    void showTable();
    void showMaps();
    void showFormula();
    QVector<float> currentContext() const;
    ImageBatch currentInput() const;

    ExplorerSession *m_session;
    DenoisingPage *m_denoising;
    EmbeddingTable m_table;
    ModulationMaps m_maps;
    QVector<float> m_previousCemb1,
        m_previousCemb2; // the scales before the last context change, drawn faintly
    // One request of a kind on the worker at a time: a request made meanwhile is made again when the running
    // one comes back, and the answer to a request made for the model before is dropped.
    struct OneAtATime
    {
        bool inFlight = false, again = false, drop = false;
        // True when a request may go now; false when one is running (it is asked again afterwards).
        bool begin()
        {
            again = inFlight;
            inFlight = true;
            return !again;
        }
        // An answer came: true when it is to be shown.
        bool answered()
        {
            inFlight = false;
            return !std::exchange(drop, false);
        }
    };
    OneAtATime m_tableRequest, m_mapsRequest;
    bool m_synced = false; // the context was taken from the Denoising page since the model changed
    QTimer m_play;

    QComboBox *m_level = nullptr;
    QSlider *m_t = nullptr;
    QSpinBox *m_tBox = nullptr;
    QSpinBox *m_channel = nullptr;
    QToolButton *m_playButton = nullptr;
    ContextControls *m_context = nullptr;
    QCustomPlot *m_heat = nullptr;
    QCPColorMap *m_heatMap = nullptr;
    QCPItemStraightLine *m_heatCursor = nullptr, *m_heatChannel = nullptr;
    QCustomPlot *m_curves = nullptr;
    QCPItemStraightLine *m_curveCursor = nullptr;
    QCustomPlot *m_bars = nullptr;
    QCPBars *m_scaleBars = nullptr, *m_previousBars = nullptr, *m_shiftBars = nullptr;
    QCPItemStraightLine *m_barChannel = nullptr;
    ImageGridView *m_input = nullptr;
    ImageGridView *m_before = nullptr, *m_after = nullptr;
    ImageGridView *m_beforeOne = nullptr, *m_afterOne = nullptr;
    QLabel *m_formula = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace de
