#include "lesson_player.h"

#include "context_controls.h"
#include "explorer_session.h"
#include "files/bundled_models.h"
#include "main_window.h"
#include "model_page.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace de {

LessonHighlight::LessonHighlight(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
    m_follow.setInterval(200); // the widget may move as pages lay out
    connect(&m_follow, &QTimer::timeout, this, &LessonHighlight::follow);
}

void LessonHighlight::setTarget(QWidget *target)
{
    m_target = target;
    if (target)
        m_follow.start();
    else
        m_follow.stop();
    follow();
}

void LessonHighlight::follow()
{
    if (!m_target || !m_target->isVisible()) {
        hide();
        return;
    }
    const QRect r(m_target->mapTo(parentWidget(), QPoint(0, 0)), m_target->size());
    setGeometry(r.adjusted(-6, -6, 6, 6));
    show();
    raise();
}

void LessonHighlight::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(255, 140, 0), 4));
    p.drawRoundedRect(QRectF(rect()).adjusted(2, 2, -2, -2), 6, 6);
}

LessonPlayer::LessonPlayer(MainWindow *window)
    : QFrame(window)
    , m_window(window)
    , m_highlight(new LessonHighlight(window))
{
    setObjectName(QStringLiteral("lessonCard"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette card = palette();
    card.setColor(QPalette::Window, QColor(255, 250, 235));
    card.setColor(QPalette::WindowText, QColor(30, 30, 30));
    setPalette(card);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_counter = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_back = new QPushButton(tr("◀ &Back"), this);
    m_back->setToolTip(tr("The step before (Alt+←)"));
    m_next = new QPushButton(tr("&Next ▶"), this);
    m_next->setToolTip(tr("The next step (Alt+→)"));
    m_next->setDefault(true);
    m_leave = new QPushButton(tr("Leave"), this);
    m_leave->setToolTip(tr("Close the lesson; everything it set stays as it is (Alt+A)"));
    m_choose = new QPushButton(tr("Show the &lessons"), this);
    m_choose->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter, 1);
    buttons->addWidget(m_choose);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(m_leave);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &LessonPlayer::back);
    connect(m_next, &QPushButton::clicked, this, &LessonPlayer::next);
    connect(m_leave, &QPushButton::clicked, this, &LessonPlayer::leave);
    connect(m_choose, &QPushButton::clicked, this, [this] {
        leave();
        emit chooseLessonRequested();
    });
    for (const auto &[key, slot] : {std::pair {QKeySequence(Qt::ALT | Qt::Key_Right), &LessonPlayer::next},
             std::pair {QKeySequence(Qt::ALT | Qt::Key_Left), &LessonPlayer::back},
             std::pair {QKeySequence(Qt::ALT | Qt::Key_A), &LessonPlayer::leave}}) {
        auto *s = new QShortcut(key, window);
        connect(s, &QShortcut::activated, this, [this, slot = slot] {
            if (isVisible() && !m_hint)
                (this->*slot)();
        });
    }
    window->installEventFilter(this);
    m_clickRetry.setInterval(200);
    m_clickRetry.setSingleShot(true);
    connect(&m_clickRetry, &QTimer::timeout, this, &LessonPlayer::clickPending);
    hide();
}

bool LessonPlayer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

void LessonPlayer::start(const Lesson &lesson)
{
    m_hint = false;
    m_lesson = lesson;
    m_step = 0;
    m_choose->hide();
    m_back->show();
    m_next->show();
    m_title->setText(lesson.title.current());
    show();
    showStep();
}

void LessonPlayer::showHint()
{
    m_hint = true;
    m_lesson = {};
    m_step = -1;
    m_problems.clear();
    m_highlight->setTarget(nullptr);
    m_title->setText(tr("New here?"));
    m_text->setText(
        tr("<p>Guided lessons walk you through the pages: transposed convolution, the U-Net, "
           "noising, sampling, training, guidance and the embeddings. Each step sets up the window "
           "for you.</p><p>Find them any time under <b>Help ▸ Lessons</b> (Ctrl+L).</p>"));
    m_counter->clear();
    m_back->hide();
    m_next->hide();
    m_choose->show();
    m_leave->setText(tr("Not &now"));
    show();
    place();
}

void LessonPlayer::next()
{
    if (!isPlaying())
        return;
    if (m_step + 1 >= m_lesson.steps.size()) {
        leave();
        return;
    }
    ++m_step;
    showStep();
}

void LessonPlayer::back()
{
    if (!isPlaying() || m_step == 0)
        return;
    --m_step;
    showStep();
}

void LessonPlayer::leave()
{
    m_pendingClicks.clear();
    m_clickRetry.stop();
    m_lesson = {};
    m_step = -1;
    m_hint = false;
    m_highlight->setTarget(nullptr);
    m_leave->setText(tr("Leave"));
    hide();
}

void LessonPlayer::showStep()
{
    m_pendingClicks.clear(); // the step before's clicks are not this one's
    const LessonStep &step = m_lesson.steps[m_step];
    m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(m_lesson.steps.size()));
    m_text->setText(step.text.current());
    m_back->setEnabled(m_step > 0);
    m_next->setText(m_step + 1 == m_lesson.steps.size() ? tr("&Finish") : tr("&Next ▶"));
    m_leave->setText(tr("Leave"));
    applyStep(step);
    place();
    emit stepShown(m_step);
}

QWidget *LessonPlayer::findWidget(QWidget *root, const QString &path)
{
    QWidget *w = root;
    for (const QString &name : path.split(QLatin1Char('/'))) {
        w = w ? w->findChild<QWidget *>(name) : nullptr;
        if (!w)
            return nullptr;
    }
    return w;
}

void LessonPlayer::applyStep(const LessonStep &step)
{
    m_problems.clear();
    const auto problem = [this](const QString &text) { m_problems << text; };
    if (!step.model.isEmpty()) {
        const BundledModel *bundled = findBundledModel(step.model);
        const QString path = bundled ? bundled->checkpointPath : step.model;
        if (m_window->session()->checkpointPath() != path) {
            const bool opened
                = bundled ? m_window->openBundledModel(bundled->id) : m_window->openCheckpoint(path);
            if (!opened)
                problem(tr("the model %1 could not be opened").arg(step.model));
        }
    }
    if (!step.page.isEmpty())
        m_window->tabs()->setCurrentIndex(int(lessonPages().indexOf(step.page)));
    for (auto it = step.set.begin(); it != step.set.end(); ++it) {
        QWidget *w = findWidget(m_window, it.key());
        if (!w) {
            problem(tr("there is no widget \"%1\"").arg(it.key()));
            continue;
        }
        const QString refused = setValue(w, it.value());
        if (!refused.isEmpty())
            problem(tr("\"%1\": %2").arg(it.key(), refused));
    }
    if (!step.block.isEmpty()) {
        if (m_window->modelPage()->diagram()->blockRect(step.block).isEmpty()
            || !m_window->session()->hasCheckpoint())
            problem(tr("there is no block \"%1\"").arg(step.block));
        else
            m_window->modelPage()->selectBlock(step.block);
    }
    QWidget *target = nullptr;
    if (!step.highlight.isEmpty()) {
        target = findWidget(m_window, step.highlight);
        if (!target)
            problem(tr("there is no widget \"%1\" to highlight").arg(step.highlight));
    }
    m_highlight->setTarget(target);
    m_pendingClicks = step.click;
    m_clickWait.start();
    clickPending();
    for (const QString &p : std::as_const(m_problems))
        qWarning("lesson %s, step %d: %s", qPrintable(m_lesson.id), m_step + 1, qPrintable(p));
}

// A button that is disabled while a run is under way (Generate, Load) is pressed when it comes back, within a
// minute; the card says so meanwhile.
void LessonPlayer::clickPending()
{
    constexpr qint64 kPatience = 60000;
    while (!m_pendingClicks.isEmpty()) {
        const QString name = m_pendingClicks.constFirst();
        auto *button = qobject_cast<QAbstractButton *>(findWidget(m_window, name));
        if (!button) {
            m_problems << tr("there is no button \"%1\"").arg(name);
        } else if (!button->isEnabled()) {
            if (m_clickWait.elapsed() < kPatience) {
                m_counter->setText(tr("Step %1 of %2 · waiting for the run to finish…")
                                       .arg(m_step + 1)
                                       .arg(m_lesson.steps.size()));
                m_clickRetry.start();
                return;
            }
            m_problems << tr("the button \"%1\" stayed disabled").arg(name);
        } else {
            button->click();
        }
        m_pendingClicks.removeFirst();
    }
    m_clickRetry.stop();
    if (isPlaying())
        m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(m_lesson.steps.size()));
}

QString LessonPlayer::setValue(QWidget *widget, const QJsonValue &value) const
{
    if (auto *context = qobject_cast<ContextControls *>(widget)) {
        if (value.isDouble()) {
            if (value.toInt() < 0 || value.toInt() >= context->presetCount())
                return tr("there is no preset %1").arg(value.toInt());
            context->choosePreset(value.toInt());
            return {};
        }
        if (!value.isArray())
            return tr("takes a list of class weights or a preset number");
        QVector<double> v;
        for (const QJsonValue &x : value.toArray())
            v << x.toDouble();
        if (v.size() != context->classNames().size())
            return tr("has %1 classes, not %2").arg(context->classNames().size()).arg(v.size());
        context->setVector(v);
        return {};
    }
    if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        int index = -1;
        if (value.isDouble())
            index = value.toInt();
        else if (value.isString())
            index = combo->findData(value.toString()) >= 0 ? combo->findData(value.toString())
                                                           : combo->findText(value.toString());
        if (index < 0 || index >= combo->count())
            return tr("has no item %1").arg(value.toVariant().toString());
        combo->setCurrentIndex(index);
        return {};
    }
    if (auto *spin = qobject_cast<QSpinBox *>(widget)) {
        if (!value.isDouble() || value.toDouble() < spin->minimum() || value.toDouble() > spin->maximum())
            return tr("takes a whole number from %1 to %2").arg(spin->minimum()).arg(spin->maximum());
        spin->setValue(value.toInt());
        return {};
    }
    if (auto *spin = qobject_cast<QDoubleSpinBox *>(widget)) {
        if (!value.isDouble() || value.toDouble() < spin->minimum() || value.toDouble() > spin->maximum())
            return tr("takes a number from %1 to %2").arg(spin->minimum()).arg(spin->maximum());
        spin->setValue(value.toDouble());
        return {};
    }
    if (auto *slider = qobject_cast<QAbstractSlider *>(widget)) {
        if (!value.isDouble() || value.toInt() < slider->minimum() || value.toInt() > slider->maximum())
            return tr("takes a whole number from %1 to %2").arg(slider->minimum()).arg(slider->maximum());
        slider->setValue(value.toInt());
        return {};
    }
    if (auto *button = qobject_cast<QAbstractButton *>(widget); button && button->isCheckable()) {
        if (!value.isBool())
            return tr("takes true or false");
        button->setChecked(value.toBool());
        return {};
    }
    if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
        if (!value.isDouble() || value.toInt() < 0 || value.toInt() >= tabs->count())
            return tr("has no tab %1").arg(value.toVariant().toString());
        tabs->setCurrentIndex(value.toInt());
        return {};
    }
    if (auto *edit = qobject_cast<QLineEdit *>(widget)) {
        if (!value.isString() && !value.isDouble())
            return tr("takes a text");
        edit->setText(value.isString() ? value.toString() : QString::number(value.toDouble()));
        emit edit->editingFinished();
        return {};
    }
    return tr("cannot be set by a lesson");
}

void LessonPlayer::place()
{
    QWidget *central = m_window->centralWidget();
    const QRect area(central->mapTo(m_window, QPoint(0, 0)), central->size());
    // About a third of the window: room beside the widget a step is about, even at 1024 pixels.
    const int w = std::min({440, std::max(300, area.width() * 34 / 100), area.width() - 24});
    setFixedWidth(w);
    const int h = std::min(layout()->totalHeightForWidth(w), area.height() / 2);
    // Bottom right, unless the highlighted widget is there: then bottom left, then top right.
    const QList<QPoint> corners {QPoint(area.right() - w - 12, area.bottom() - h - 12),
        QPoint(area.left() + 12, area.bottom() - h - 12), QPoint(area.right() - w - 12, area.top() + 40)};
    QPoint chosen = corners.first();
    const QRect target
        = m_highlight->target() && m_highlight->isVisible() ? m_highlight->geometry() : QRect();
    for (const QPoint &corner : corners)
        if (!QRect(corner, QSize(w, h)).intersects(target)) {
            chosen = corner;
            break;
        }
    setGeometry(QRect(chosen, QSize(w, h)));
    raise();
}

int chooseLesson(QWidget *parent, const LessonLibrary &library)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(LessonPlayer::tr("Lessons"));
    auto *list = new QListWidget(&dialog);
    list->setObjectName(QStringLiteral("lessonList"));
    for (const Lesson &lesson : library.lessons) {
        auto *item
            = new QListWidgetItem(LessonPlayer::tr("%1 (%2 steps)%3")
                                      .arg(lesson.title.current())
                                      .arg(lesson.steps.size())
                                      .arg(lesson.bundled ? QString() : LessonPlayer::tr(" · your own")),
                list);
        item->setToolTip(lesson.summary.current());
    }
    list->setCurrentRow(0);
    auto *summary = new QLabel(&dialog);
    summary->setWordWrap(true);
    summary->setMinimumHeight(3 * summary->fontMetrics().lineSpacing());
    auto *problems = new QLabel(&dialog);
    problems->setWordWrap(true);
    problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    problems->setText(library.problems.join(QLatin1Char('\n')));
    problems->setVisible(!library.problems.isEmpty());
    auto *folder = new QLabel(LessonPlayer::tr("Your own lessons: JSON files in <a href=\"%1\">%2</a> "
                                               "(the format is described in docs/lessons.md).")
                                  .arg(QUrl::fromLocalFile(userLessonFolder()).toString(),
                                      QDir::toNativeSeparators(userLessonFolder()).toHtmlEscaped()),
        &dialog);
    folder->setWordWrap(true);
    folder->setOpenExternalLinks(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(LessonPlayer::tr("&Start"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!library.lessons.isEmpty());
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(list, 1);
    layout->addWidget(summary);
    layout->addWidget(problems);
    layout->addWidget(folder);
    layout->addWidget(buttons);
    const auto showSummary = [&] {
        const int row = list->currentRow();
        summary->setText(row >= 0 ? library.lessons[row].summary.current() : QString());
    };
    QObject::connect(list, &QListWidget::currentRowChanged, &dialog, showSummary);
    QObject::connect(list, &QListWidget::itemActivated, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    showSummary();
    dialog.resize(560, 420);
    return dialog.exec() == QDialog::Accepted ? list->currentRow() : -1;
}

} // namespace de
