#include "evaluate_page.h"

#include "data/class_names.h"
#include "explorer_session.h"
#include "files/bundled_models.h"
#include "image_grid_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace de {

EvaluatePage::EvaluatePage(ExplorerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    buildUi();
    clearResult(); // a first visit says what the page is waiting for
    DiffusionWorker *worker = m_session->evaluation()->worker();
    connect(worker, &DiffusionWorker::evaluationProgress, this, &EvaluatePage::onProgress);
    connect(worker, &DiffusionWorker::evaluationFinished, this, &EvaluatePage::onFinished);
    connect(worker, &DiffusionWorker::failed, this, &EvaluatePage::onFailed);
    connect(worker, &DiffusionWorker::status, this, [this](const QString &m) {
        if (m_running)
            m_phase->setText(m);
    });
    connect(m_session, &ExplorerSession::checkpointChanged, this, &EvaluatePage::checkpointChanged);
    checkpointChanged();
}

void EvaluatePage::buildUi()
{
    auto *controls = new QGroupBox(tr("Judge the open model"), this);
    auto *form = new QFormLayout(controls);
    m_modelLabel = new QLabel(controls);
    m_modelLabel->setObjectName(QStringLiteral("evaluate.modelLabel"));
    m_modelLabel->setWordWrap(true);
    form->addRow(m_modelLabel);

    m_perClass = new QSpinBox(controls);
    m_perClass->setObjectName(QStringLiteral("evaluate.perClass"));
    m_perClass->setRange(2, 1000);
    m_perClass->setValue(100);
    m_perClass->setToolTip(tr("How many samples of each class to draw and judge. More samples give steadier "
                              "figures and take longer."));
    form->addRow(tr("Samples per class:"), m_perClass);

    m_sampler = new QComboBox(controls);
    m_sampler->setObjectName(QStringLiteral("evaluate.sampler"));
    m_sampler->addItem(tr("DDIM (few steps)"), int(SamplerKind::Ddim));
    m_sampler->addItem(tr("DDPM (every timestep)"), int(SamplerKind::Ddpm));
    m_sampler->addItem(tr("DPM-Solver++ (fewest steps)"), int(SamplerKind::DpmSolver));
    m_sampler->addItem(tr("UniPC (fewest steps, corrected)"), int(SamplerKind::UniPc));
    m_sampler->setToolTip(tr("The sampler that draws the samples being judged"));
    form->addRow(tr("Sampler:"), m_sampler);

    m_steps = new QSpinBox(controls);
    m_steps->setObjectName(QStringLiteral("evaluate.steps"));
    m_steps->setRange(1, 500);
    m_steps->setValue(50);
    m_steps->setToolTip(tr("Denoising steps of DDIM, DPM-Solver++ and UniPC; DDPM always takes all 500"));
    form->addRow(tr("Steps:"), m_steps);
    connect(m_sampler, &QComboBox::currentIndexChanged, this,
        [this] { m_steps->setEnabled(takesSteps(SamplerKind(m_sampler->currentData().toInt()))); });

    m_guidance = new QLineEdit(QStringLiteral("2"), controls);
    m_guidance->setObjectName(QStringLiteral("evaluate.guidance"));
    m_guidance->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral(R"(\s*\d+(\.\d*)?(\s*,\s*\d+(\.\d*)?)*\s*)")), m_guidance));
    m_guidance->setToolTip(tr("Classifier-free guidance weight w: eps = (1+w)·eps(x, c) − w·eps(x, none). "
                              "Give several, separated by commas (e.g. 0, 1, 2, 4), to compare them: "
                              "more guidance usually raises accuracy and lowers diversity."));
    form->addRow(tr("Guidance weights:"), m_guidance);

    m_dataset = new QComboBox(controls);
    m_dataset->setObjectName(QStringLiteral("evaluate.dataset"));
    m_dataset->setEditable(true);
    m_dataset->addItem(tr("the one the checkpoint names"));
    m_dataset->addItem(QStringLiteral("emoji"));
    m_dataset->addItem(QStringLiteral("fashion-mnist"));
    m_dataset->setToolTip(
        tr("The data set the model learned: its real images are what the samples are compared "
           "with. PyTorch .pth files do not say which it was; choose it here. Any name the "
           "Training page accepts works (idx:FOLDER, folder:FOLDER, npy:FILE)."));
    form->addRow(tr("Data set:"), m_dataset);

    m_seed = new QSpinBox(controls);
    m_seed->setObjectName(QStringLiteral("evaluate.seed"));
    m_seed->setRange(0, 1000000);
    m_seed->setToolTip(tr("Seed for the samples: the same seed gives the same figures"));
    form->addRow(tr("Seed:"), m_seed);

    m_run = new QPushButton(tr("&Evaluate"), controls);
    m_run->setObjectName(QStringLiteral("evaluate.run"));
    m_run->setToolTip(tr("Sample every class and judge the samples (Ctrl+Return)"));
    m_cancel = new QPushButton(tr("Cancel"), controls);
    m_cancel->setObjectName(QStringLiteral("evaluate.cancel"));
    m_cancel->setToolTip(tr("Stop after the current denoising step (Esc)"));
    m_cancel->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    form->addRow(buttons);
    connect(m_run, &QPushButton::clicked, this, &EvaluatePage::run);
    connect(m_cancel, &QPushButton::clicked, this, &EvaluatePage::cancel);
    auto *runKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(runKey, &QShortcut::activated, this, &EvaluatePage::run);
    auto *cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(cancelKey, &QShortcut::activated, this, &EvaluatePage::cancel);

    m_progress = new QProgressBar(controls);
    m_progress->setObjectName(QStringLiteral("evaluate.progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    form->addRow(m_progress);
    m_phase = new QLabel(controls);
    m_phase->setObjectName(QStringLiteral("evaluate.phase"));
    m_phase->setWordWrap(true);
    form->addRow(m_phase);

    auto *explain = new QLabel(
        tr("<b>Accuracy</b>: the share of samples that a classifier trained on the real images assigns to "
           "the class they were asked for.<br><b>Diversity</b>: how far apart the samples of a class are, "
           "divided by the same for real images of the class (about 1: as varied as the data; near 0: "
           "the same picture again and again).<br><b>Memorisation</b>: the distance from each sample to its "
           "nearest training image, divided by the distance between neighbouring training images (near 0: "
           "the model copies its training images)."),
        controls);
    explain->setWordWrap(true);
    form->addRow(explain);

    m_report = new QComboBox(this);
    m_report->setObjectName(QStringLiteral("evaluate.report"));
    m_report->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_report->setToolTip(tr("Which guidance weight's figures to show"));
    connect(m_report, &QComboBox::currentIndexChanged, this, &EvaluatePage::showReport);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("evaluate.summary"));
    m_summary->setWordWrap(true);

    m_chart = new QCustomPlot(this);
    m_chart->setObjectName(QStringLiteral("evaluate.chart"));
    m_chart->setMinimumHeight(220);
    m_chart->legend->setVisible(false); // shown with the first bars: no empty legend before a run
    m_chart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_chart->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_chart->yAxis->setLabel(tr("accuracy (%)"));
    m_chart->yAxis2->setLabel(tr("diversity, memorisation (ratio)"));
    m_chart->yAxis2->setVisible(true);
    m_chart->setToolTip(tr("Per class: accuracy (a share, 1 is every sample right), diversity and "
                           "memorisation (ratios, 1 is like the real data)"));
    m_chartHint = new QCPItemText(m_chart);
    m_chartHint->setObjectName(QStringLiteral("evaluate.chartHint"));
    m_chartHint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_chartHint->position->setCoords(0.5, 0.5);
    m_chartHint->setColor(palette().color(QPalette::PlaceholderText));

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("evaluate.table"));
    m_table->setHorizontalHeaderLabels(
        {tr("Class"), tr("Accuracy"), tr("Diversity"), tr("Memorisation"), tr("FID")});
    m_table->horizontalHeaderItem(4)->setToolTip(
        tr("Fréchet distance between the samples and the real images of the class, measured on the judge "
           "classifier's features (not Inception's): 0 when they are alike; compare only runs with the same "
           "number of samples"));
    // The figures' columns as wide as their headers and numbers; the class names take the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_pairs = new ImageGridView(this);
    m_pairs->setObjectName(QStringLiteral("evaluate.pairs"));
    m_pairs->setTitle(
        tr("Samples (left of each pair) beside their nearest training images, a row per class"));
    m_pairs->setToolTip(tr("If a sample and its neighbour are the same picture, the model is copying"));

    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), results));
    top->addWidget(m_report);
    top->addWidget(m_summary, 1);
    resultsLayout->addLayout(top);
    auto *split = new QSplitter(Qt::Vertical, results);
    auto *upper = new QSplitter(Qt::Horizontal, split);
    upper->addWidget(m_chart);
    upper->addWidget(m_table);
    upper->setStretchFactor(0, 3);
    upper->setStretchFactor(1, 2);
    upper->setSizes({700, 420});
    split->addWidget(upper);
    split->addWidget(m_pairs);
    resultsLayout->addWidget(split, 1);

    auto *layout = new QHBoxLayout(this);
    controls->setMaximumWidth(360);
    layout->addWidget(controls);
    layout->addWidget(results, 1);
}

void EvaluatePage::checkpointChanged()
{
    const bool has = m_session->hasCheckpoint();
    m_run->setEnabled(has && !m_running);
    if (!has) {
        m_modelLabel->setText(tr("No model is open. Choose one in the Model menu."));
        return;
    }
    if (!m_result.checkpointPath.isEmpty() && m_result.checkpointPath != m_session->checkpointPath())
        clearResult(); // figures of the previous model must not stand under this one's name
    const CheckpointInfo &info = m_session->checkpointInfo();
    m_modelLabel->setText(tr("%1: %2, trained %3 steps on %4")
                              .arg(displayModelPath(m_session->checkpointPath()), info.config.describe())
                              .arg(info.format == CheckpointInfo::Format::Pth ? info.trainedSteps : info.step)
                              .arg(info.dataset));
}

void EvaluatePage::clearResult()
{
    m_result = EvaluationResult();
    const QSignalBlocker block(m_report);
    m_report->clear();
    m_report->setEnabled(false); // nothing to choose before a run
    m_table->setRowCount(0);
    m_chart->clearPlottables();
    m_chart->legend->setVisible(false);
    m_chart->replot(QCustomPlot::rpQueuedReplot);
    m_pairs->setImages(ImageBatch());
    m_pairs->setRowLabels({});
    m_summary->setText(tr("This model has not been evaluated yet: press Evaluate."));
    m_chartHint->setText(tr("This model has not been evaluated yet:\npress Evaluate.")); // narrow charts too
    m_chartHint->setVisible(true);
    m_phase->clear();
    m_progress->setValue(0);
}

EvaluateRequest EvaluatePage::request() const
{
    EvaluateRequest r;
    r.checkpointPath = m_session->checkpointPath();
    r.perClass = m_perClass->value();
    r.kind = SamplerKind(m_sampler->currentData().toInt());
    r.ddimSteps = m_steps->value();
    r.seed = quint64(m_seed->value());
    const QString dataset = m_dataset->currentText().trimmed();
    if (dataset != m_dataset->itemText(0))
        r.dataset = dataset;
    r.guidance.clear();
    for (const QString &part : m_guidance->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double w = part.trimmed().toDouble(&ok);
        if (ok)
            r.guidance.push_back(w);
    }
    return r;
}

void EvaluatePage::setSamplesPerClass(int n)
{
    m_perClass->setValue(n);
}

void EvaluatePage::setGuidanceText(const QString &text)
{
    m_guidance->setText(text);
}

void EvaluatePage::run()
{
    if (m_running || !m_session->hasCheckpoint())
        return;
    const EvaluateRequest r = request();
    if (r.guidance.isEmpty()) {
        m_phase->setText(tr("Give at least one guidance weight, e.g. 2 or 0, 1, 2, 4."));
        return;
    }
    for (double w : r.guidance)
        if (w > 100.0) {
            m_phase->setText(tr("Guidance weights go from 0 to 100 (got %1).").arg(w));
            return;
        }
    setRunning(true);
    m_progress->setRange(0, 0);
    m_phase->setText(tr("Starting…"));
    m_session->evaluation()->startEvaluation(r);
}

void EvaluatePage::cancel()
{
    if (m_running)
        m_session->evaluation()->cancel();
}

void EvaluatePage::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running && m_session->hasCheckpoint());
    m_cancel->setEnabled(running);
}

void EvaluatePage::onProgress(const EvaluateProgress &progress)
{
    if (!m_running)
        return;
    m_progress->setRange(0, int(std::max<qint64>(progress.total, 1)));
    m_progress->setValue(int(progress.done));
    m_phase->setText(progress.phase);
}

void EvaluatePage::onFailed(const QString &message)
{
    if (!m_running)
        return;
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_phase->setText(tr("The evaluation failed: %1").arg(message));
    emit statusMessage(tr("Evaluation failed: %1").arg(message));
    emit finished();
}

void EvaluatePage::onFinished(const EvaluationResult &result)
{
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(result.cancelled ? 0 : 1);
    if (result.cancelled) {
        m_phase->setText(tr("Cancelled; the figures shown are from the previous evaluation."));
        emit finished();
        return;
    }
    m_result = result;
    m_phase->setText(tr("Judged by the %1").arg(result.classifierDescription));
    const QSignalBlocker block(m_report);
    m_report->clear();
    int best = 0;
    for (int i = 0; i < result.reports.size(); ++i) {
        const EvaluationReport &r = result.reports[i];
        m_report->addItem(
            tr("guidance w = %1: accuracy %2%").arg(r.guidance).arg(100.0 * r.overall.accuracy, 0, 'f', 1));
        if (r.overall.accuracy > result.reports[best].overall.accuracy)
            best = i;
    }
    m_report->setCurrentIndex(best);
    m_report->setEnabled(true);
    showReport(best);
    emit statusMessage(
        tr("Evaluated %1 with %2").arg(displayModelPath(result.checkpointPath), result.samplerDescription));
    emit finished();
}

int EvaluatePage::shownReport() const
{
    return m_report->currentIndex();
}

void EvaluatePage::showReport(int index)
{
    if (index < 0 || index >= m_result.reports.size())
        return;
    const EvaluationReport &r = m_result.reports[index];
    m_summary->setText(tr("%1, %2 samples per class, guidance %3: overall accuracy %4%, diversity %5, "
                          "memorisation %6")
                           .arg(m_result.samplerDescription)
                           .arg(m_result.perClass)
                           .arg(r.guidance)
                           .arg(100.0 * r.overall.accuracy, 0, 'f', 1)
                           .arg(r.overall.diversity, 0, 'f', 2)
                           .arg(r.overall.memorisation, 0, 'f', 2));

    m_chart->clearPlottables();
    m_chartHint->setVisible(false);
    delete m_barsGroup;
    m_barsGroup = new QCPBarsGroup(m_chart);
    const QList<QPair<QString, QColor>> series {{tr("accuracy"), QColor(46, 125, 50)},
        {tr("diversity"), QColor(21, 101, 192)}, {tr("memorisation"), QColor(239, 108, 0)}};
    QVector<double> ticks;
    QVector<QString> labels;
    for (int c = 0; c < r.classes.size(); ++c) {
        ticks << c + 1;
        labels << displayClassName(r.classes[c].name);
    }
    // Accuracy in percent on the left axis, the two ratios on the right one.
    double top = 1.35;
    for (int s = 0; s < series.size(); ++s) {
        auto *bars = new QCPBars(m_chart->xAxis, s == 0 ? m_chart->yAxis : m_chart->yAxis2);
        bars->setName(series[s].first);
        bars->setPen(Qt::NoPen);
        bars->setBrush(series[s].second);
        bars->setWidth(0.25);
        bars->setBarsGroup(m_barsGroup);
        m_chart->legend->setVisible(true);
        QVector<double> values;
        for (const ClassEvaluation &e : r.classes) {
            const double v = s == 0 ? 100.0 * e.accuracy : s == 1 ? e.diversity : e.memorisation;
            values << v;
            if (s > 0)
                top = std::max(top, v * 1.25); // room for the legend above the bars
        }
        bars->setData(ticks, values);
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(ticks, labels);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setTickLabelRotation(r.classes.size() > 6 ? 30 : 0);
    m_chart->xAxis->setRange(0.4, r.classes.size() + 0.6);
    m_chart->yAxis->setRange(0, 135.0); // 100 % and room for the legend above
    m_chart->yAxis2->setRange(0, top);
    m_chart->replot(QCustomPlot::rpQueuedReplot);

    m_table->setRowCount(int(r.classes.size()) + 1);
    const auto setRow = [this](int row, const ClassEvaluation &e) {
        const QStringList cells {displayClassName(e.name),
            QStringLiteral("%1%").arg(100.0 * e.accuracy, 0, 'f', 1), QString::number(e.diversity, 'f', 2),
            QString::number(e.memorisation, 'f', 2), QString::number(e.fid, 'f', 2)};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setTextAlignment(
                col == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::Alignment(Qt::AlignCenter));
            m_table->setItem(row, col, item);
        }
    };
    for (int c = 0; c < r.classes.size(); ++c)
        setRow(c, r.classes[c]);
    ClassEvaluation overall = r.overall;
    overall.name = tr("overall");
    setRow(int(r.classes.size()), overall);

    // Pairs: sample, nearest training image, sample, ... a row per class.
    const int k = m_result.examplesPerClass;
    ImageBatch pairs;
    if (!r.examples.isEmpty() && k > 0) {
        pairs.n = r.examples.n * 2;
        pairs.c = r.examples.c;
        pairs.h = r.examples.h;
        pairs.w = r.examples.w;
        const qsizetype size = r.examples.imageSize();
        pairs.values.reserve(pairs.n * size);
        for (int i = 0; i < r.examples.n; ++i) {
            pairs.values.append(r.examples.values.mid(i * size, size));
            pairs.values.append(r.neighbours.values.mid(i * size, size));
        }
    }
    m_pairs->setImages(pairs, 2 * k);
    QStringList rows;
    for (const ClassEvaluation &e : r.classes)
        rows << displayClassName(e.name);
    m_pairs->setRowLabels(pairs.isEmpty() ? QStringList() : rows);
}

} // namespace de
