#include "transpose_conv_widget.h"

#include "overlap_stack_view.h"

#include "flow_layout.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace de {

namespace {

// Resizes a grid, keeping the values that still fit and filling new cells.
Grid resized(const Grid &g, int rows, int cols, double fill)
{
    Grid out(rows, cols, fill);
    for (int r = 0; r < std::min(rows, g.rows); ++r)
        for (int c = 0; c < std::min(cols, g.cols); ++c)
            out.at(r, c) = g.at(r, c);
    return out;
}

Grid fromRows(std::initializer_list<std::initializer_list<double>> rows)
{
    Grid g(int(rows.size()), int(rows.begin()->size()));
    int r = 0;
    for (const auto &row : rows) {
        int c = 0;
        for (double v : row)
            g.at(r, c++) = v;
        ++r;
    }
    return g;
}

QSpinBox *spinBox(int low, int high, const QString &tip, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(low, high);
    box->setToolTip(tip);
    return box;
}

} // namespace

TransposeConvWidget::TransposeConvWidget(QWidget *parent)
    : QWidget(parent)
{
    // Ready to play: a small integer input, the course's 3x3 kernel with padding 1 and stride 2.
    m_input = fromRows({{1, 2, 0}, {0, 1, 3}, {2, 1, 1}});
    m_kernel = fromRows({{1, 0, 1}, {0, 2, 0}, {1, 0, 1}});
    buildUi();
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_stepsDone >= stepCount())
            pause();
        else
            stepForward();
    });
    rebuildPlan();
}

void TransposeConvWidget::buildUi()
{
    m_canvas = new TransposeConvCanvas(this);
    m_canvas->setObjectName(QStringLiteral("tconv.canvas"));
    m_canvas->setToolTip(
        tr("Click an input or kernel cell to type a new value; point at an output cell to see "
           "the products that make it."));

    // Playback.
    m_viewBox = new QComboBox(this);
    m_viewBox->setObjectName(QStringLiteral("tconv.viewBox"));
    m_viewBox->addItem(tr("Scatter (PyTorch)"), int(TransposeConvView::Scatter));
    m_viewBox->addItem(tr("Equivalent direct convolution"), int(TransposeConvView::Direct));
    m_viewBox->addItem(tr("Matrix (Cᵀ × input)"), int(TransposeConvView::Matrix));
    m_viewBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_viewBox->setMinimumContentsLength(14);
    m_viewBox->setToolTip(
        tr("Three ways to compute the same output:\n"
           "Scatter: each input cell stamps a scaled copy of the kernel onto the output.\n"
           "Direct: insert zeros between input cells, pad, rotate the kernel and slide it.\n"
           "Matrix: a convolution is a matrix C; the transposed convolution multiplies by Cᵀ."));
    auto button = [this](QStyle::StandardPixmap icon, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_startButton = button(QStyle::SP_MediaSkipBackward, tr("First step (Home)"));
    m_startButton->setObjectName(QStringLiteral("tconv.startButton"));
    m_backButton = button(QStyle::SP_MediaSeekBackward, tr("Step back (Left arrow)"));
    m_backButton->setObjectName(QStringLiteral("tconv.backButton"));
    m_playButton = button(QStyle::SP_MediaPlay, tr("Play or pause (Space)"));
    m_playButton->setObjectName(QStringLiteral("tconv.playButton"));
    m_forwardButton = button(QStyle::SP_MediaSeekForward, tr("Step forward (Right arrow)"));
    m_forwardButton->setObjectName(QStringLiteral("tconv.forwardButton"));
    m_endButton = button(QStyle::SP_MediaSkipForward, tr("Last step (End)"));
    m_endButton->setObjectName(QStringLiteral("tconv.endButton"));
    m_resetButton = new QToolButton(this);
    m_resetButton->setObjectName(QStringLiteral("tconv.resetButton"));
    m_resetButton->setText(tr("Reset"));
    m_resetButton->setToolTip(tr("Stop and go back to before the first step"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("tconv.slider"));
    m_slider->setToolTip(tr("Drag to move through the steps"));
    m_speed = new QDoubleSpinBox(this);
    m_speed->setObjectName(QStringLiteral("tconv.speed"));
    m_speed->setRange(0.5, 20.0);
    m_speed->setSingleStep(0.5);
    m_speed->setValue(2.0);
    m_speed->setSuffix(tr(" steps/s"));
    m_speed->setToolTip(tr("Playback speed"));
    m_stepLabel = new QLabel(this);
    m_stepLabel->setObjectName(QStringLiteral("tconv.stepLabel"));
    m_stepLabel->setMinimumWidth(90);

    auto *playback = new QHBoxLayout;
    playback->addWidget(new QLabel(tr("View:"), this));
    playback->addWidget(m_viewBox);
    playback->addSpacing(12);
    for (QWidget *w : {static_cast<QWidget *>(m_startButton), static_cast<QWidget *>(m_backButton),
             static_cast<QWidget *>(m_playButton), static_cast<QWidget *>(m_forwardButton),
             static_cast<QWidget *>(m_endButton)})
        playback->addWidget(w);
    playback->addWidget(m_slider, 1);
    playback->addWidget(m_stepLabel);
    playback->addWidget(m_speed);
    playback->addWidget(m_resetButton);

    // Parameters.
    m_inputRows = spinBox(1, 16, tr("Rows of the input (1 to 16)"), this);
    m_inputRows->setObjectName(QStringLiteral("tconv.inputRows"));
    m_inputCols = spinBox(1, 16, tr("Columns of the input (1 to 16)"), this);
    m_inputCols->setObjectName(QStringLiteral("tconv.inputCols"));
    m_kernelSize = spinBox(1, 7, tr("Side of the square kernel (1 to 7)"), this);
    m_kernelSize->setObjectName(QStringLiteral("tconv.kernelSize"));
    m_stride = spinBox(1, 8,
        tr("Stride: how far apart, on the output, neighbouring input cells place their copy of "
           "the kernel. Stride 2 roughly doubles the size."),
        this);
    m_stride->setObjectName(QStringLiteral("tconv.stride"));
    m_padding = spinBox(0, 6,
        tr("Padding: how many rows and columns are cut from each edge of the full result. "
           "In a transposed convolution padding makes the output smaller."),
        this);
    m_padding->setObjectName(QStringLiteral("tconv.padding"));
    m_outputPadding = spinBox(0, 3,
        tr("Output padding: extra rows and columns added at the bottom and right, to pick "
           "one of the output sizes a strided convolution could have come from. Must be "
           "smaller than the stride or the dilation."),
        this);
    m_outputPadding->setObjectName(QStringLiteral("tconv.outputPadding"));
    m_dilation = spinBox(1, 3, tr("Dilation: spacing between kernel cells (1 means adjacent)."), this);
    m_dilation->setObjectName(QStringLiteral("tconv.dilation"));
    m_biasOn = new QCheckBox(tr("Bias"), this);
    m_biasOn->setObjectName(QStringLiteral("tconv.biasOn"));
    m_biasOn->setToolTip(tr("Add one number to every output cell"));
    m_bias = new QDoubleSpinBox(this);
    m_bias->setObjectName(QStringLiteral("tconv.bias"));
    m_bias->setRange(-99.0, 99.0);
    m_bias->setDecimals(2);
    m_bias->setEnabled(false);
    m_bias->setToolTip(tr("The bias added to every output cell"));
    m_inputRows->setValue(m_input.rows);
    m_inputCols->setValue(m_input.cols);
    m_kernelSize->setValue(m_kernel.rows);
    m_stride->setValue(2);
    m_padding->setValue(1);
    m_dilation->setValue(1);

    auto *params = new FlowLayout; // wraps at large text sizes instead of widening the window
    auto labelled = [this, params](const QString &text, QWidget *w) {
        auto *l = new QLabel(text, this);
        l->setBuddy(w);
        params->addWidget(l);
        params->addWidget(w);
        params->addSpacing(6);
    };
    labelled(tr("Input &rows"), m_inputRows);
    labelled(tr("c&olumns"), m_inputCols);
    labelled(tr("&Kernel"), m_kernelSize);
    labelled(tr("&Stride"), m_stride);
    labelled(tr("&Padding"), m_padding);
    labelled(tr("O&utput padding"), m_outputPadding);
    labelled(tr("&Dilation"), m_dilation);
    params->addWidget(m_biasOn);
    params->addWidget(m_bias);

    auto *presets = new FlowLayout;
    auto *random = new QPushButton(tr("Random integers"), this);
    random->setObjectName(QStringLiteral("tconv.random"));
    random->setToolTip(tr("Fill the input and the kernel with small random integers"));
    auto *ones = new QPushButton(tr("Ones"), this);
    ones->setObjectName(QStringLiteral("tconv.ones"));
    ones->setToolTip(tr("Fill the input and the kernel with ones: the output then counts the overlaps"));
    auto *course = new QPushButton(tr("Course example (3×3, p=1, s=2)"), this);
    course->setObjectName(QStringLiteral("tconv.course"));
    course->setToolTip(
        tr("The upsampling of a U-Net decoder: a 4×4 input becomes 8×8 with a 3×3 kernel, padding 1, "
           "stride 2 and output padding 1"));
    m_heatMapBox = new QCheckBox(tr("Overlap &heat map"), this);
    m_heatMapBox->setObjectName(QStringLiteral("tconv.heatMapBox"));
    m_heatMapBox->setToolTip(
        tr("Colour each output cell by how many kernel placements touch it. Kernel 3 with "
           "stride 2 gives the checkerboard that makes transposed convolutions blotchy."));
    presets->addWidget(random);
    presets->addWidget(ones);
    presets->addWidget(course);
    presets->addSpacing(12);
    presets->addWidget(m_heatMapBox);
    m_paint = new QCheckBox(tr("Paint cells"), this);
    m_paint->setObjectName(QStringLiteral("tconv.paint"));
    m_paint->setToolTip(tr("Click or drag over input and kernel cells to set them to the value beside, "
                           "instead of typing each one"));
    m_brush = new QDoubleSpinBox(this);
    m_brush->setObjectName(QStringLiteral("tconv.brush"));
    m_brush->setRange(-99, 99);
    m_brush->setDecimals(1);
    m_brush->setValue(1);
    m_brush->setToolTip(tr("The value painted cells get"));
    presets->addWidget(m_paint);
    presets->addWidget(m_brush);
    auto *stackButton = new QPushButton(tr("Checkerboard…"), this);
    stackButton->setObjectName(QStringLiteral("tconv.stackButton"));
    stackButton->setToolTip(tr("Stack up to three of these layers and see how unevenly they reach the output "
                               "cells, beside resize-then-convolve"));
    auto *codeButton = new QPushButton(tr("PyTorch code…"), this);
    codeButton->setObjectName(QStringLiteral("tconv.codeButton"));
    codeButton->setToolTip(tr("The code that builds this layer in PyTorch and checks it against an ordinary "
                              "convolution"));
    presets->addWidget(stackButton);
    presets->addWidget(codeButton);
    connect(stackButton, &QPushButton::clicked, this, &TransposeConvWidget::showStack);
    connect(codeButton, &QPushButton::clicked, this, &TransposeConvWidget::showCode);
    connect(m_paint, &QCheckBox::toggled, this, &TransposeConvWidget::setPainting);

    m_stackDialog = new QDialog(this);
    m_stackDialog->setObjectName(QStringLiteral("tconv.stackDialog"));
    m_stackDialog->setWindowTitle(tr("Stacked transposed convolutions"));
    m_stackView = new OverlapStackView(m_stackDialog);
    m_stackView->setObjectName(QStringLiteral("tconv.stackView"));
    (new QVBoxLayout(m_stackDialog))->addWidget(m_stackView);
    m_stackDialog->resize(900, 600);

    m_codeDialog = new QDialog(this);
    m_codeDialog->setObjectName(QStringLiteral("tconv.codeDialog"));
    m_codeDialog->setWindowTitle(tr("This layer in PyTorch"));
    m_code = new QPlainTextEdit(m_codeDialog);
    m_code->setObjectName(QStringLiteral("tconv.code"));
    m_code->setReadOnly(true);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *copy = new QPushButton(tr("Copy"), m_codeDialog);
    copy->setObjectName(QStringLiteral("tconv.copyCode"));
    copy->setToolTip(tr("Copy the script to the clipboard"));
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(m_code->toPlainText()); });
    auto *codeNote
        = new QLabel(tr("Runs as it is with PyTorch installed: `out` is this explorer's output, and "
                        "the script checks that an ordinary convolution on the zero-inserted, padded "
                        "input with the kernel turned 180° gives the same."),
            m_codeDialog);
    codeNote->setWordWrap(true);
    auto *codeLayout = new QVBoxLayout(m_codeDialog);
    codeLayout->addWidget(codeNote);
    codeLayout->addWidget(m_code, 1);
    codeLayout->addWidget(copy, 0, Qt::AlignRight);
    m_codeDialog->resize(760, 560);

    m_formula = new QLabel(this);
    m_formula->setObjectName(QStringLiteral("tconv.formula"));
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formula->setToolTip(
        tr("PyTorch's output size: H_out = (H_in-1)×stride - 2×padding + dilation×(kernel-1) + "
           "output_padding + 1"));
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("tconv.source"));
    m_source->setWordWrap(true);
    m_source->setStyleSheet(QStringLiteral("color: #5a3c96;"));
    m_source->hide();
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("tconv.error"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_error->setWordWrap(true);
    m_equation = new QLabel(this);
    m_equation->setObjectName(QStringLiteral("tconv.equation"));
    QFont big = m_equation->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_equation->setFont(big);
    m_equation->setWordWrap(true);
    m_equation->setMinimumHeight(2 * QFontMetrics(big).lineSpacing() + 4); // room for two lines, no jumping
    m_equation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hover = new QLabel(this);
    m_hover->setObjectName(QStringLiteral("tconv.hover"));
    m_hover->setWordWrap(true);
    m_hover->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(params);
    layout->addLayout(presets);
    layout->addWidget(m_source);
    layout->addWidget(m_formula);
    layout->addWidget(m_error);
    layout->addWidget(m_canvas, 1);
    layout->addWidget(m_equation);
    layout->addWidget(m_hover);
    layout->addLayout(playback);

    m_editor = new QLineEdit(m_canvas);
    m_editor->setObjectName(QStringLiteral("tconv.editor"));
    m_editor->setValidator(new QDoubleValidator(-1e6, 1e6, 4, m_editor));
    m_editor->setAlignment(Qt::AlignCenter);
    m_editor->hide();
    m_editor->installEventFilter(this);

    connect(m_viewBox, &QComboBox::currentIndexChanged, this, [this] { setView(view()); });
    connect(m_startButton, &QToolButton::clicked, this, &TransposeConvWidget::goToStart);
    connect(m_backButton, &QToolButton::clicked, this, &TransposeConvWidget::stepBack);
    connect(m_playButton, &QToolButton::clicked, this, &TransposeConvWidget::togglePlay);
    connect(m_forwardButton, &QToolButton::clicked, this, &TransposeConvWidget::stepForward);
    connect(m_endButton, &QToolButton::clicked, this, &TransposeConvWidget::goToEnd);
    connect(m_resetButton, &QToolButton::clicked, this, [this] {
        pause();
        setStepsDone(0);
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_updating)
            setStepsDone(v);
    });
    connect(m_speed, &QDoubleSpinBox::valueChanged, this,
        [this](double v) { m_timer.setInterval(int(1000.0 / v)); });
    m_timer.setInterval(int(1000.0 / m_speed->value()));
    for (QSpinBox *box :
        {m_inputRows, m_inputCols, m_kernelSize, m_stride, m_padding, m_outputPadding, m_dilation})
        connect(box, &QSpinBox::valueChanged, this, [this] {
            if (!m_updating)
                readParameters();
        });
    connect(m_biasOn, &QCheckBox::toggled, this, [this](bool on) {
        m_bias->setEnabled(on);
        if (!m_updating)
            rebuildPlan();
    });
    connect(m_bias, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_updating)
            rebuildPlan();
    });
    connect(random, &QPushButton::clicked, this, &TransposeConvWidget::fillRandomIntegers);
    connect(ones, &QPushButton::clicked, this, &TransposeConvWidget::fillOnes);
    connect(course, &QPushButton::clicked, this, &TransposeConvWidget::loadCourseExample);
    connect(m_heatMapBox, &QCheckBox::toggled, this, &TransposeConvWidget::setHeatMap);
    connect(m_canvas, &TransposeConvCanvas::outputCellHovered, this, &TransposeConvWidget::showHover);
    connect(m_canvas, &TransposeConvCanvas::cellClicked, this,
        [this](TransposeConvCanvas::Region region, int row, int col) {
            if (m_paint->isChecked())
                paintCell(region, row, col);
            else
                editCell(region, row, col);
        });
    connect(m_canvas, &TransposeConvCanvas::cellDragged, this,
        [this](TransposeConvCanvas::Region region, int row, int col) {
            if (m_paint->isChecked())
                paintCell(region, row, col);
        });
    connect(m_editor, &QLineEdit::editingFinished, this, &TransposeConvWidget::commitEdit);

    auto shortcut = [this](QKeySequence key, void (TransposeConvWidget::*slot)()) {
        auto *s = new QShortcut(key, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::Key_Space), &TransposeConvWidget::togglePlay);
    shortcut(QKeySequence(Qt::Key_Right), &TransposeConvWidget::stepForward);
    shortcut(QKeySequence(Qt::Key_Left), &TransposeConvWidget::stepBack);
    shortcut(QKeySequence(Qt::Key_Home), &TransposeConvWidget::goToStart);
    shortcut(QKeySequence(Qt::Key_End), &TransposeConvWidget::goToEnd);
    setFocusPolicy(Qt::StrongFocus);
}

TransposeConvView TransposeConvWidget::view() const
{
    return TransposeConvView(m_viewBox->currentData().toInt());
}

int TransposeConvWidget::stepCount() const
{
    return int(m_steps.size());
}

TransposeConvParams TransposeConvWidget::currentParams() const
{
    TransposeConvParams p;
    p.stride = m_stride->value();
    p.padding = m_padding->value();
    p.outputPadding = m_outputPadding->value();
    p.dilation = m_dilation->value();
    p.hasBias = m_biasOn->isChecked();
    p.bias = m_bias->value();
    return p;
}

void TransposeConvWidget::readParameters()
{
    m_source->hide(); // the numbers are the user's now
    m_input = resized(m_input, m_inputRows->value(), m_inputCols->value(), 1.0);
    m_kernel = resized(m_kernel, m_kernelSize->value(), m_kernelSize->value(), 1.0);
    rebuildPlan();
}

void TransposeConvWidget::setParameters(
    int inputRows, int inputCols, int kernelSize, const TransposeConvParams &p)
{
    m_updating = true;
    m_inputRows->setValue(inputRows);
    m_inputCols->setValue(inputCols);
    m_kernelSize->setValue(kernelSize);
    m_stride->setValue(p.stride);
    m_padding->setValue(p.padding);
    m_outputPadding->setValue(p.outputPadding);
    m_dilation->setValue(p.dilation);
    m_biasOn->setChecked(p.hasBias);
    m_bias->setEnabled(p.hasBias);
    m_bias->setValue(p.bias);
    m_updating = false;
    readParameters();
}

void TransposeConvWidget::rebuildPlan()
{
    const TransposeConvParams params = currentParams();
    const bool rowsDiffer = m_input.rows != m_input.cols;
    QString formula
        = TransposeConvPlan::sizeFormula(QStringLiteral("H_out"), m_input.rows, m_kernel.rows, params);
    if (rowsDiffer)
        formula += QStringLiteral("     ")
            + TransposeConvPlan::sizeFormula(QStringLiteral("W_out"), m_input.cols, m_kernel.cols, params);
    m_formula->setText(formula);
    QString error;
    if (TransposeConvPlan::validate(m_input, m_kernel, params, &error)) {
        m_plan = std::make_shared<const TransposeConvPlan>(m_input, m_kernel, params);
        m_error->clear();
        m_error->hide();
    } else {
        pause();
        m_plan.reset();
        m_error->setText(error);
        m_error->show();
    }
    m_steps = m_plan ? m_plan->steps(view()) : QVector<TransposeConvStep>();
    m_stepsDone = std::min(m_stepsDone, stepCount());
    refresh();
}

void TransposeConvWidget::refresh()
{
    const int count = stepCount();
    m_canvas->setPlan(m_plan, view(), m_stepsDone);
    m_updating = true;
    m_slider->setRange(0, count);
    m_slider->setValue(m_stepsDone);
    m_updating = false;
    m_stepLabel->setText(tr("step %1 / %2").arg(m_stepsDone).arg(count));
    for (QWidget *w : {static_cast<QWidget *>(m_playButton), static_cast<QWidget *>(m_backButton),
             static_cast<QWidget *>(m_forwardButton), static_cast<QWidget *>(m_startButton),
             static_cast<QWidget *>(m_endButton), static_cast<QWidget *>(m_slider)})
        w->setEnabled(m_plan != nullptr);
    m_playButton->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_equation->setText(equationText());
    showHover(m_hoverRow, m_hoverCol); // the values under the pointer may have changed
    if (m_stackView)
        m_stackView->setLayer(m_input.rows, m_kernel.rows, currentParams());
    if (m_code)
        m_code->setPlainText(codeText());
    emit stepChanged(m_stepsDone, count);
}

QString TransposeConvWidget::codeText() const
{
    return m_plan ? pytorchCode(m_input, m_kernel, m_plan->params()) : QString();
}

void TransposeConvWidget::showStack()
{
    m_stackView->setLayer(m_input.rows, m_kernel.rows, currentParams());
    m_stackDialog->show();
    m_stackDialog->raise();
}

void TransposeConvWidget::showCode()
{
    m_code->setPlainText(codeText().isEmpty() ? m_error->text() : codeText());
    m_codeDialog->show();
    m_codeDialog->raise();
}

void TransposeConvWidget::setPainting(bool on)
{
    m_paint->setChecked(on);
    m_canvas->setCursor(on ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void TransposeConvWidget::paintCell(TransposeConvCanvas::Region region, int row, int col)
{
    if (region != TransposeConvCanvas::Region::Input && region != TransposeConvCanvas::Region::Kernel)
        return;
    const Grid &g = region == TransposeConvCanvas::Region::Kernel ? m_kernel : m_input;
    if (g.contains(row, col) && g.at(row, col) != m_brush->value())
        setCellValue(region, row, col, m_brush->value());
}

QString TransposeConvWidget::equationText() const
{
    if (!m_plan)
        return {};
    if (m_stepsDone == 0)
        return tr("Press Play (Space) or step forward (→) to start.");
    const TransposeConvStep &step = m_steps[m_stepsDone - 1];
    switch (step.kind) {
    case TransposeConvStep::Kind::Crop:
        return tr("%1   (the padding ring is removed: %2 row(s) and column(s) from each edge%3)")
            .arg(step.equation)
            .arg(m_plan->params().padding)
            .arg(m_plan->params().outputPadding > 0
                    ? tr("; output padding keeps %1 more row(s) and column(s) at the bottom and right")
                          .arg(m_plan->params().outputPadding)
                    : QString());
    case TransposeConvStep::Kind::Bias:
        return tr("Add the bias to every output cell: %1").arg(step.equation);
    default:
        return step.equation;
    }
}

QString TransposeConvWidget::formulaText() const
{
    return m_formula->text();
}

QString TransposeConvWidget::errorText() const
{
    return m_error->text();
}

QString TransposeConvWidget::hoverText() const
{
    return m_hover->text();
}

void TransposeConvWidget::showHover(int row, int col)
{
    m_hoverRow = row;
    m_hoverCol = col;
    if (!m_plan || row < 0 || row >= m_plan->outputRows() || col >= m_plan->outputCols()) {
        m_hover->clear();
        return;
    }
    const QVector<Contribution> terms = m_plan->contributionsTo(row, col);
    QStringList symbolic, numeric;
    double sum = 0.0;
    for (const Contribution &t : terms) {
        symbolic.push_back(QStringLiteral("in[%1][%2]·k[%3][%4]")
                               .arg(t.input.row)
                               .arg(t.input.col)
                               .arg(t.kernel.row)
                               .arg(t.kernel.col));
        numeric.push_back(
            QStringLiteral("%1×%2").arg(formatNumber(t.inputValue), formatNumber(t.kernelValue)));
        sum += t.product();
    }
    if (m_plan->params().hasBias) {
        symbolic.push_back(tr("bias"));
        numeric.push_back(formatNumber(m_plan->params().bias));
        sum += m_plan->params().bias;
    }
    const QString text = terms.isEmpty() && !m_plan->params().hasBias
        ? tr("out[%1][%2] = 0: no kernel placement reaches this cell").arg(row).arg(col)
        : tr("out[%1][%2] = %3 = %4 = %5   (%n kernel placement(s) overlap here)", nullptr, int(terms.size()))
              .arg(row)
              .arg(col)
              .arg(symbolic.join(QStringLiteral(" + ")), numeric.join(QStringLiteral(" + ")),
                  formatNumber(sum));
    m_hover->setText(text);
}

void TransposeConvWidget::play()
{
    if (!m_plan)
        return;
    if (m_stepsDone >= stepCount())
        setStepsDone(0);
    m_timer.start();
    refresh();
}

void TransposeConvWidget::pause()
{
    m_timer.stop();
    if (m_playButton)
        m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
}

void TransposeConvWidget::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void TransposeConvWidget::stepForward()
{
    setStepsDone(m_stepsDone + 1);
}

void TransposeConvWidget::stepBack()
{
    setStepsDone(m_stepsDone - 1);
}

void TransposeConvWidget::goToStart()
{
    setStepsDone(0);
}

void TransposeConvWidget::goToEnd()
{
    setStepsDone(stepCount());
}

void TransposeConvWidget::setStepsDone(int steps)
{
    m_stepsDone = std::clamp(steps, 0, stepCount());
    if (m_stepsDone >= stepCount())
        pause();
    refresh();
}

void TransposeConvWidget::setView(TransposeConvView v)
{
    const int index = m_viewBox->findData(int(v));
    if (index != m_viewBox->currentIndex()) {
        m_viewBox->setCurrentIndex(index); // comes back here through the signal
        return;
    }
    m_stepsDone = 0;
    m_steps = m_plan ? m_plan->steps(v) : QVector<TransposeConvStep>();
    refresh();
}

void TransposeConvWidget::setCellValue(TransposeConvCanvas::Region region, int row, int col, double value)
{
    Grid &g = region == TransposeConvCanvas::Region::Kernel ? m_kernel : m_input;
    if (region == TransposeConvCanvas::Region::Output || !g.contains(row, col))
        return;
    g.at(row, col) = value;
    rebuildPlan();
}

void TransposeConvWidget::editCell(TransposeConvCanvas::Region region, int row, int col)
{
    if (region != TransposeConvCanvas::Region::Input && region != TransposeConvCanvas::Region::Kernel)
        return;
    const Grid &g = region == TransposeConvCanvas::Region::Kernel ? m_kernel : m_input;
    m_editRegion = region;
    m_editRow = row;
    m_editCol = col;
    const QRect cell = m_canvas->cellRect(region, row, col);
    m_editor->setGeometry(
        cell.adjusted(-4, -2, 4, 2).united(QRect(cell.center() - QPoint(24, 12), QSize(48, 24))));
    m_editor->setText(formatNumber(g.at(row, col)));
    m_editor->selectAll();
    m_editor->show();
    m_editor->setFocus();
}

void TransposeConvWidget::commitEdit()
{
    if (!m_editor->isVisible())
        return;
    m_editor->hide();
    bool ok = false;
    const double v = QLocale().toDouble(m_editor->text(), &ok);
    const double plain = ok ? v : m_editor->text().toDouble(&ok);
    if (ok)
        setCellValue(m_editRegion, m_editRow, m_editCol, plain);
    setFocus();
}

bool TransposeConvWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        m_editor->hide(); // hidden first, so the editingFinished that follows commits nothing
        setFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TransposeConvWidget::showSlice(
    const Grid &input, const Grid &kernel, const TransposeConvParams &params, const QString &note)
{
    pause();
    m_input = input;
    m_kernel = kernel;
    m_stepsDone = 0;
    setParameters(input.rows, input.cols, kernel.rows, params);
    m_source->setText(note);
    m_source->show();
}

QString TransposeConvWidget::sourceText() const
{
    return m_source->isVisible() ? m_source->text() : QString();
}

void TransposeConvWidget::loadCourseExample()
{
    pause();
    m_input = fromRows({{1, 2, 0, 1}, {0, 1, 3, 2}, {2, 1, 1, 0}, {1, 0, 2, 1}});
    m_kernel = fromRows({{1, 0, 1}, {0, 2, 0}, {1, 0, 1}});
    TransposeConvParams p;
    p.stride = 2;
    p.padding = 1;
    p.outputPadding = 1;
    m_stepsDone = 0;
    setParameters(4, 4, 3, p);
}

void TransposeConvWidget::fillRandomIntegers()
{
    m_source->hide();
    auto *rng = QRandomGenerator::global();
    for (double &v : m_input.values)
        v = rng->bounded(-3, 6);
    for (double &v : m_kernel.values)
        v = rng->bounded(-2, 3);
    rebuildPlan();
}

void TransposeConvWidget::fillOnes()
{
    m_source->hide();
    m_input.values.fill(1.0);
    m_kernel.values.fill(1.0);
    rebuildPlan();
}

void TransposeConvWidget::setHeatMap(bool on)
{
    if (m_heatMapBox->isChecked() != on)
        m_heatMapBox->setChecked(on);
    m_canvas->setHeatMap(on);
}

} // namespace de
