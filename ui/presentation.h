// Sizes for a lecture hall: View ▸ Zoom in/out (Ctrl++, Ctrl+−, Ctrl+0) scales the window's text, and
// View ▸ Presentation mode (F5, Esc leaves) goes full screen with text about 1.6 times larger, thicker plot
// lines, larger plot labels and a high-contrast light theme (dark backgrounds wash out on projectors).
// In presentation mode PageDown/PageUp and →/← step the current page's animation and Space plays it,
// as a presenter's clicker sends them.
#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>

class QMainWindow;
class QTabWidget;

namespace de {

class Presentation : public QObject
{
    Q_OBJECT
public:
    Presentation(QMainWindow *window, QTabWidget *pages);
    ~Presentation() override;

    static constexpr double kPresentationScale = 1.6;

    bool isPresenting() const { return m_presenting; }
    double zoom() const { return m_zoom; }
    // The factor the fonts have now: the zoom, times 1.6 while presenting.
    double scale() const;

public slots:
    void setPresenting(bool on);
    void zoomIn();
    void zoomOut();
    void resetZoom();

signals:
    void presentingChanged(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setZoom(double zoom);
    void apply();
    // Steps the current page's animation: "stepForward", "stepBack" or "togglePlay", where the page has it.
    bool invokeOnPage(const char *slot);

    QMainWindow *m_window;
    QTabWidget *m_pages;
    QFont m_baseFont;
    QPalette m_basePalette;
    double m_zoom = 1.0;
    bool m_presenting = false;
    bool m_wasMaximized = false;
};

} // namespace de
