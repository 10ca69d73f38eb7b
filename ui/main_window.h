// The main window: a page per activity (transpose convolution, forward diffusion, denoising, training,
// model, evaluation), the menus, and the settings that persist between runs.
#pragma once

#include <QHash>
#include <QMainWindow>

#include <functional>

class QMenu;
class QTabWidget;

namespace de {

class DenoisingPage;
class EmbeddingPage;
class PlayPage;
class EvaluatePage;
class ExplorerSession;
class LessonPlayer;
class Presentation;
class ForwardDiffusionPage;
class ModelPage;
class TrainingPage;
class TransposeConvWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page {
        TransposeConvolutionPage,
        ForwardDiffusionPageIndex,
        DenoisingPageIndex,
        TrainingPageIndex,
        ModelPageIndex,
        EvaluatePageIndex,
        EmbeddingPageIndex,
        PlayPageIndex
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    TransposeConvWidget *transposeConvWidget() const { return m_transposeConv; }
    ForwardDiffusionPage *forwardDiffusionPage() const { return m_forward; }
    DenoisingPage *denoisingPage() const { return m_denoising; }
    TrainingPage *trainingPage() const { return m_training; }
    ModelPage *modelPage() const { return m_model; }
    EvaluatePage *evaluatePage() const { return m_evaluate; }
    EmbeddingPage *embeddingPage() const { return m_embedding; }
    PlayPage *playPage() const { return m_play; }
    LessonPlayer *lessonPlayer() const { return m_lessons; }
    Presentation *presentation() const { return m_presentation; }
    // Help ▸ Lessons: picks a lesson and starts it.
    void showLessons();
    // Starts the lesson with this id (its file's base name); false when there is none.
    bool startLesson(const QString &id);
    ExplorerSession *session() const { return m_session; }
    QTabWidget *tabs() const { return m_tabs; }

    // Opens a checkpoint and shows the Denoising page; reports problems in a message box unless quiet.
    // With remember off, the next start does not reopen it (a fallback).
    bool openCheckpoint(const QString &path, bool quiet = false, bool remember = true);
    // Opens a bundled model (files/bundled_models.h) and samples a quick DDIM grid of every class.
    bool openBundledModel(const QString &id);
    // A fast DDIM grid, a few samples of every class, on the Denoising page.
    void sampleStartGrid();

    // A file dropped on the window: a checkpoint or PyTorch .pth opens (with a start grid), a picture goes to
    // the Play page's canvas. Anything else: false, and the status bar says what the window takes.
    bool openDroppedFile(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildModelMenu();
    void updateModelMenu();
    void openCheckpointDialog();
    void saveCheckpointAs();
    void openDatasetDialog();
    // Asks for a file (adding `suffix` to a name typed without it), writes it with `write` (which returns a
    // problem or nothing), and reports the outcome.
    void exportTo(const QString &title, const QString &filter, const QString &suffix,
        const std::function<QString(const QString &)> &write);
    void exportFrame();
    void exportGif();
    void exportFinal();
    void setLanguage(const QString &code);
    void showAbout();
    void showHelp();
    void reportError(const QString &title, const QString &message);

    ExplorerSession *m_session = nullptr;
    QTabWidget *m_tabs = nullptr;
    TransposeConvWidget *m_transposeConv = nullptr;
    ForwardDiffusionPage *m_forward = nullptr;
    DenoisingPage *m_denoising = nullptr;
    TrainingPage *m_training = nullptr;
    bool m_stoppingTraining = false; // closeEvent waits for the training to stop and save
    ModelPage *m_model = nullptr;
    EvaluatePage *m_evaluate = nullptr;
    EmbeddingPage *m_embedding = nullptr;
    PlayPage *m_play = nullptr;
    LessonPlayer *m_lessons = nullptr;
    Presentation *m_presentation = nullptr;
    QHash<QWidget *, QString> m_pageStatus; // each page's last status message
    QMenu *m_modelMenu = nullptr;
};

} // namespace de
