// The transposed-convolution explorer: the canvas, playback (play/pause, step, scrub, speed, reset), the view
// selector, a spin box for every parameter with the output-size formula shown live, editable cells, presets,
// the overlap heat map, and the arithmetic of any output cell under the pointer.
#pragma once

#include "transpose_conv_canvas.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QDialog;
class QPlainTextEdit;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QToolButton;

namespace de {
class OverlapStackView;

class TransposeConvWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TransposeConvWidget(QWidget *parent = nullptr);

    int stepsDone() const { return m_stepsDone; }
    int stepCount() const;
    bool isPlaying() const { return m_timer.isActive(); }
    TransposeConvView view() const;
    // Null while the parameters are impossible (the error label says why).
    const TransposeConvPlan *plan() const { return m_plan.get(); }
    const Grid &input() const { return m_input; }
    const Grid &kernel() const { return m_kernel; }
    QString equationText() const;
    QString formulaText() const;
    QString errorText() const;
    QString hoverText() const;
    TransposeConvCanvas *canvas() const { return m_canvas; }
    // The stacked layers and their checkerboards, for the current parameters (in its own window).
    OverlapStackView *stackView() const { return m_stackView; }
    // The PyTorch script of this layer (nn.ConvTranspose2d with the current numbers; empty while impossible).
    QString codeText() const;

public slots:
    void play();
    void pause();
    void togglePlay();
    void stepForward();
    void stepBack();
    void goToStart();
    void goToEnd();
    void setStepsDone(int steps);
    void setView(de::TransposeConvView view);
    void setParameters(int inputRows, int inputCols, int kernelSize, const de::TransposeConvParams &params);
    void setCellValue(de::TransposeConvCanvas::Region region, int row, int col, double value);
    void loadCourseExample();
    // A real layer's numbers (Model page): its input and kernel, its parameters, and a note saying where they
    // come from, shown until the numbers are changed.
    void showSlice(const de::Grid &input, const de::Grid &kernel, const de::TransposeConvParams &params,
        const QString &note);
    QString sourceText() const;
    void fillRandomIntegers();
    void fillOnes();
    void setHeatMap(bool on);
    void showStack();
    void showCode();
    // Painting: a click or a drag over input or kernel cells sets them to the brush value, instead of
    // opening the cell editor.
    void setPainting(bool on);

signals:
    void stepChanged(int stepsDone, int stepCount);

protected:
    // Escape in the cell editor cancels the edit.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildUi();
    void readParameters();
    void rebuildPlan();
    void refresh();
    void showHover(int row, int col);
    void editCell(de::TransposeConvCanvas::Region region, int row, int col);
    void paintCell(de::TransposeConvCanvas::Region region, int row, int col);
    void commitEdit();
    TransposeConvParams currentParams() const;

    Grid m_input, m_kernel;
    QLabel *m_source = nullptr;
    std::shared_ptr<const TransposeConvPlan> m_plan;
    QVector<TransposeConvStep> m_steps; // of the current view
    int m_stepsDone = 0;
    QTimer m_timer;
    bool m_updating = false;

    TransposeConvCanvas *m_canvas = nullptr;
    QComboBox *m_viewBox = nullptr;
    QToolButton *m_playButton = nullptr, *m_backButton = nullptr, *m_forwardButton = nullptr;
    QToolButton *m_startButton = nullptr, *m_endButton = nullptr, *m_resetButton = nullptr;
    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    QLabel *m_stepLabel = nullptr;
    QSpinBox *m_inputRows = nullptr, *m_inputCols = nullptr, *m_kernelSize = nullptr, *m_stride = nullptr;
    QSpinBox *m_padding = nullptr, *m_outputPadding = nullptr, *m_dilation = nullptr;
    QCheckBox *m_biasOn = nullptr, *m_heatMapBox = nullptr, *m_paint = nullptr;
    QDoubleSpinBox *m_brush = nullptr;
    QDialog *m_stackDialog = nullptr, *m_codeDialog = nullptr;
    OverlapStackView *m_stackView = nullptr;
    QPlainTextEdit *m_code = nullptr;
    QDoubleSpinBox *m_bias = nullptr;
    QLabel *m_formula = nullptr, *m_error = nullptr, *m_equation = nullptr, *m_hover = nullptr;
    QLineEdit *m_editor = nullptr;
    TransposeConvCanvas::Region m_editRegion = TransposeConvCanvas::Region::None;
    int m_editRow = -1, m_editCol = -1;
    int m_hoverRow = -1, m_hoverCol = -1;
};

} // namespace de
