// Where a plot's legend goes when the plot may be small.
#pragma once

class QCustomPlot;

namespace de {

// The legend in a row of its own above the plot, `columns` entries side by side, so that it never hides
// the curves (inside the plot it covered their start in a 1024×768 window). The legend's width becomes the
// plot's minimum width: put entries side by side only where they are short.
void putLegendAbove(QCustomPlot *plot, int columns = 1);

} // namespace de
