#include "plot_legend.h"

#include <qcustomplot.h>

namespace de {

void putLegendAbove(QCustomPlot *plot, int columns)
{
    plot->legend->setVisible(true);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend); // takes it out of the axis rect's inset layout
    plot->plotLayout()->setRowStretchFactor(0, 0.001); // as tall as its entries, no taller
}

} // namespace de
