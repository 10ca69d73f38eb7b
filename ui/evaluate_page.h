// The Evaluate page: "is this model any good?" in numbers. Samples every class of the open model, lets the
// data set's classifier judge them, and shows per class the conditional accuracy, the diversity and the
// memorisation figure as bars, with samples beside their nearest training images.
#pragma once

#include "worker/work_types.h"

#include <QWidget>

class QComboBox;
class QCPBarsGroup;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace de {

class ExplorerSession;
class ImageGridView;

class EvaluatePage : public QWidget
{
    Q_OBJECT
public:
    explicit EvaluatePage(ExplorerSession *session, QWidget *parent = nullptr);

    bool isRunning() const { return m_running; }
    const EvaluationResult &result() const { return m_result; }
    // The request the controls describe (for the open model).
    EvaluateRequest request() const;
    void setSamplesPerClass(int n);
    void setGuidanceText(const QString &text);
    QCustomPlot *chart() const { return m_chart; }
    ImageGridView *neighbourGrid() const { return m_pairs; }
    // The guidance weight whose report is on show (an index into result().reports).
    int shownReport() const;
    QTableWidget *table() const { return m_table; }

public slots:
    void run();
    void cancel();

signals:
    void statusMessage(const QString &message);
    void finished();

private:
    void buildUi();
    void checkpointChanged();
    // Forgets the figures shown (another model was opened).
    void clearResult();
    void onProgress(const EvaluateProgress &progress);
    void onFinished(const EvaluationResult &result);
    void onFailed(const QString &message);
    void showReport(int index);
    void setRunning(bool running);

    ExplorerSession *m_session;
    EvaluationResult m_result;
    bool m_running = false;

    QLabel *m_modelLabel = nullptr, *m_phase = nullptr, *m_summary = nullptr;
    QSpinBox *m_perClass = nullptr, *m_steps = nullptr, *m_seed = nullptr;
    QComboBox *m_sampler = nullptr, *m_report = nullptr, *m_dataset = nullptr;
    QLineEdit *m_guidance = nullptr;
    QPushButton *m_run = nullptr, *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QCustomPlot *m_chart = nullptr;
    QCPItemText *m_chartHint = nullptr; // in the empty chart: what fills it
    QCPBarsGroup *m_barsGroup = nullptr;
    QTableWidget *m_table = nullptr;
    ImageGridView *m_pairs = nullptr;
};

} // namespace de
