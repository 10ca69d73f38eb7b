// The Training page: choose a data set and a recipe, train on the worker thread, watch the loss curve and a
// preview grid improve, pause, resume or cancel; the checkpoint is written atomically as it goes.
#pragma once

#include "worker/work_types.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;

namespace de {

class ExplorerSession;
class ImageGridView;

class TrainingPage : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingPage(ExplorerSession *session, QWidget *parent = nullptr);

    bool isTraining() const { return m_running; }
    bool isPaused() const { return m_paused; }
    TrainRequest request() const;
    int lossPoints() const { return int(m_losses.size()); }
    // The live quality curve: (step, share recognised) of every judged preview of the current run.
    const QVector<QPointF> &qualityPoints() const { return m_quality; }
    QString statusText() const;
    QString errorText() const;
    // The checkpoint could not be written and the run waits, with its model in memory, for another file.
    bool isWaitingForSave() const { return m_waitingForSave; }

public slots:
    void start();
    void togglePause();
    void cancel();
    // Fills the form, for tests and for "train again".
    void configure(const QString &dataset, int nFeat, int batch, qint64 steps, const QString &outPath);
    // Sets the Recipe tab to the course's recipe (plain MSE, linear schedule, no average, no warm-up) or to
    // the recommended one (TrainRequest's defaults).
    void useCourseRecipe();
    void useRecommendedRecipe();
    // After a failed save: write the waiting run's checkpoint to path instead (and its autosaves after).
    void saveElsewhere(const QString &path);

signals:
    void statusMessage(const QString &message);
    // Training wrote a checkpoint the user may want to sample.
    void checkpointReady(const QString &path);

protected:
    // The first visit shows the training images (the sprite set loads by itself), so the page never opens
    // empty.
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void showTrainingImages();
    // "NAME: N images of C×H×W (class count, …)" under the settings.
    void showDatasetSummary(const DatasetSummary &summary);
    void onProgress(const TrainProgress &p);
    void addLossPoint(const TrainProgress &p);
    void onQuality(const TrainQuality &q);
    void onFinished(const TrainResult &r);
    QWidget *buildRecipeTab();
    void setRecipe(const TrainRequest &r);
    void onFailed(const QString &message);
    // The run waits; a message box offers another file or stopping without saving.
    void onSaveFailed(const QString &path, const QString &message);
    void closeSaveFailedBox();
    // The file dialog for a checkpoint, starting at start; the chosen path with .ckpt, or empty.
    QString askCheckpointPath(const QString &start);
    void setRunning(bool running);
    QString datasetName() const;
    // A new file name under the user's data folder, e.g. models/model-20261125-203000.ckpt.
    static QString defaultOutPath();
    // PATH itself when no file is there, else the first free PATH-2.ckpt, PATH-3.ckpt, … beside it.
    static QString unusedPath(const QString &path);

    ExplorerSession *m_session;
    bool m_running = false, m_paused = false, m_waitingForSave = false;
    TrainProgress m_lastProgress;
    bool m_showingData = false; // the preview shows training images, not a model's samples
    bool m_loadRequested = false; // the last step reported, for the status while paused
    QVector<double> m_steps, m_losses, m_smoothed;
    QVector<QPointF> m_quality;
    double m_lowestLoss = 0.0, m_highestLoss = 0.0;

    QComboBox *m_dataset = nullptr;
    QString m_chosenPath;
    QString m_finishedPath; // the checkpoint of the last finished run, for "Sample this model"
    QString m_keptEarlier; // the file this run did not overwrite (its name was taken), or empty
    QSpinBox *m_nFeat = nullptr, *m_batch = nullptr, *m_seed = nullptr, *m_length = nullptr;
    QSpinBox *m_autosave = nullptr, *m_previewEvery = nullptr;
    QRadioButton *m_bySteps = nullptr, *m_byEpochs = nullptr, *m_byMinutes = nullptr;
    QDoubleSpinBox *m_lr = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_schedule = nullptr, *m_loss = nullptr, *m_augment = nullptr;
    QDoubleSpinBox *m_gamma = nullptr, *m_ema = nullptr, *m_perturbation = nullptr,
                   *m_contextDropout = nullptr;
    QSpinBox *m_warmup = nullptr, *m_judgeEvery = nullptr;
    QLineEdit *m_out = nullptr, *m_resume = nullptr;
    QPushButton *m_start = nullptr, *m_pause = nullptr, *m_cancel = nullptr, *m_open = nullptr;
    QLabel *m_status = nullptr, *m_error = nullptr, *m_datasetInfo = nullptr;
    QCustomPlot *m_lossPlot = nullptr;
    ImageGridView *m_preview = nullptr;
};

} // namespace de
