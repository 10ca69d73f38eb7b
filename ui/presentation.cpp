#include "presentation.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMainWindow>
#include <QScrollArea>
#include <QSettings>
#include <QTabWidget>

#include <qcustomplot.h>

#include <algorithm>

namespace de {

namespace {

const char *const kPenWidth = "de.basePenWidth";
const char *const kFontSize = "de.baseFontSize";
const char *const kWidths = "de.baseWidths";

// A plot's fonts and lines, scaled from what they were when first seen.
void scalePlot(QCustomPlot *plot, double lineScale, const QFont &font)
{
    QFont f = font;
    for (QCPAxis *axis : plot->axisRect()->axes()) {
        axis->setTickLabelFont(f);
        axis->setLabelFont(f);
        QPen pen = axis->basePen();
        pen.setWidthF(lineScale);
        axis->setBasePen(pen);
        axis->setTickPen(pen);
        QPen grid = axis->grid()->pen();
        grid.setWidthF(lineScale > 1.0 ? 1.5 : 1.0);
        grid.setColor(lineScale > 1.0 ? QColor(160, 160, 160) : QColor(200, 200, 200));
        axis->grid()->setPen(grid);
    }
    if (plot->legend)
        plot->legend->setFont(f);
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *g = plot->graph(i);
        QVariant base = g->property(kPenWidth);
        if (!base.isValid()) {
            base = g->pen().widthF();
            g->setProperty(kPenWidth, base);
        }
        QPen pen = g->pen();
        pen.setWidthF(std::max(1.0, base.toDouble()) * lineScale);
        g->setPen(pen);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

// Light, high contrast: white surfaces, black text, a strong blue for the selection.
QPalette projectorPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(250, 250, 250));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(238, 238, 238));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Button, QColor(235, 235, 235));
    p.setColor(QPalette::ButtonText, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0, 70, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(255, 255, 220));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(70, 70, 70));
    // Disabled controls must still look disabled.
    for (const QPalette::ColorRole role :
        {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::PlaceholderText})
        p.setColor(QPalette::Disabled, role, QColor(150, 150, 150));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(240, 240, 240));
    return p;
}

} // namespace

Presentation::Presentation(QMainWindow *window, QTabWidget *pages)
    : QObject(window)
    , m_window(window)
    , m_pages(pages)
    , m_baseFont(QApplication::font())
    , m_basePalette(QApplication::palette())
{
    m_zoom = std::clamp(QSettings().value(QStringLiteral("ui/zoom"), 1.0).toDouble(), 0.5, 3.0);
    if (m_zoom != 1.0)
        apply();
}

Presentation::~Presentation()
{
    if (m_presenting || m_zoom != 1.0) {
        // Leave the application as it was found (a later window, or a test, starts from the defaults).
        QApplication::setFont(m_baseFont);
        QApplication::setPalette(m_basePalette);
    }
}

double Presentation::scale() const
{
    return m_zoom * (m_presenting ? kPresentationScale : 1.0);
}

void Presentation::setPresenting(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    if (on) {
        m_wasMaximized = m_window->isMaximized();
        qApp->installEventFilter(this);
        QApplication::setPalette(projectorPalette());
        m_window->showFullScreen();
    } else {
        qApp->removeEventFilter(this);
        QApplication::setPalette(m_basePalette);
        if (m_wasMaximized)
            m_window->showMaximized();
        else
            m_window->showNormal();
    }
    apply();
    emit presentingChanged(on);
}

void Presentation::zoomIn()
{
    setZoom(m_zoom * 1.15);
}

void Presentation::zoomOut()
{
    setZoom(m_zoom / 1.15);
}

void Presentation::resetZoom()
{
    setZoom(1.0);
}

void Presentation::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 0.5, 3.0);
    if (std::abs(m_zoom - 1.0) < 0.01)
        m_zoom = 1.0;
    QSettings().setValue(QStringLiteral("ui/zoom"), m_zoom);
    apply();
}

void Presentation::apply()
{
    QFont font = m_baseFont;
    const double base = m_baseFont.pointSizeF() > 0 ? m_baseFont.pointSizeF() : 10.0;
    font.setPointSizeF(base * scale());
    QApplication::setFont(font);
    // Widgets that chose their own font size (formulas, titles) grow in proportion.
    for (QWidget *w : m_window->findChildren<QWidget *>()) {
        if (!w->testAttribute(Qt::WA_SetFont) || qobject_cast<QCustomPlot *>(w))
            continue;
        QVariant own = w->property(kFontSize);
        if (!own.isValid()) {
            own = w->font().pointSizeF() / base;
            w->setProperty(kFontSize, own);
        }
        QFont f = w->font();
        f.setPointSizeF(font.pointSizeF() * own.toDouble());
        w->setFont(f);
    }
    // Side panels with a width limit (the Denoising page's settings) widen with the text.
    for (QScrollArea *area : m_window->findChildren<QScrollArea *>()) {
        QVariant limits = area->property(kWidths);
        if (!limits.isValid()) {
            limits = QSize(area->minimumWidth(), area->maximumWidth());
            area->setProperty(kWidths, limits);
        }
        const QSize widths = limits.toSize();
        area->setMinimumWidth(int(widths.width() * std::min(scale(), 1.3)));
        if (widths.height() < QWIDGETSIZE_MAX)
            area->setMaximumWidth(int(widths.height() * scale()));
    }
    const double lines = m_presenting ? 2.0 : 1.0;
    for (QCustomPlot *plot : m_window->findChildren<QCustomPlot *>())
        scalePlot(plot, lines, font);
}

bool Presentation::invokeOnPage(const char *slot)
{
    QWidget *page = m_pages->currentWidget();
    const QByteArray signature = QByteArray(slot) + QByteArrayLiteral("()");
    if (!page || page->metaObject()->indexOfMethod(signature.constData()) < 0)
        return false;
    return QMetaObject::invokeMethod(page, slot);
}

bool Presentation::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_presenting || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    if (event->type() == QEvent::ShortcutOverride) {
        // Esc leaves presentation mode before any page's own Esc (cancel) sees it.
        if (key->key() != Qt::Key_Escape)
            return false;
        setPresenting(false);
        event->accept();
        return true;
    }
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))
        return false;
    // Arrows and Space belong to a text field or a spin box that has the focus; a clicker's PageDown and
    // PageUp always step.
    QWidget *focus = QApplication::focusWidget();
    const bool typing = qobject_cast<QLineEdit *>(focus) || qobject_cast<QAbstractSpinBox *>(focus);
    switch (key->key()) {
    case Qt::Key_Escape:
        setPresenting(false);
        return true;
    case Qt::Key_PageDown:
        return invokeOnPage("stepForward");
    case Qt::Key_PageUp:
        return invokeOnPage("stepBack");
    case Qt::Key_Right:
        return !typing && invokeOnPage("stepForward");
    case Qt::Key_Left:
        return !typing && invokeOnPage("stepBack");
    case Qt::Key_Space:
        return !typing && invokeOnPage("togglePlay");
    default:
        return false;
    }
}

} // namespace de
