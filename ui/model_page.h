// The Model page: ContextUnet drawn as its blocks with the tensor shape on each, parameter counts, and, after
// a generation, a block's activation maps at the selected timestep. Upsampling blocks link to the transpose
// convolution page, preset to their kernel and stride.
#pragma once

#include "explain/transpose_conv_plan.h"
#include "model/model_blocks.h"
#include "worker/work_types.h"

#include <QFont>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace de {

class DenoisingPage;
class ExplorerSession;
class ImageGridView;

class UnetDiagram : public QWidget
{
    Q_OBJECT
public:
    explicit UnetDiagram(QWidget *parent = nullptr);
    void setBlocks(const QVector<BlockInfo> &blocks);
    void select(const QString &block);
    QString selected() const { return m_selected; }
    QRectF blockRect(const QString &block) const;
    // The line under a block's name: its output shape and parameter count, where it is drawn and in which
    // font. On one line where that fits, else on two, in smaller text where even two do not fit.
    struct Detail
    {
        QString text;
        QFont font;
        QRectF rect;
    };
    Detail blockDetail(const QString &block) const;
    QSize sizeHint() const override { return {640, 420}; }

signals:
    void blockClicked(const QString &block);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QVector<BlockInfo> m_blocks;
    QString m_selected;
};

class ModelPage : public QWidget
{
    Q_OBJECT
public:
    ModelPage(ExplorerSession *session, DenoisingPage *denoising, QWidget *parent = nullptr);

    UnetDiagram *diagram() const { return m_diagram; }
    int activationCount() const { return int(m_activations.size()); }
    QString detailsText() const;

public slots:
    void selectBlock(const QString &block);

signals:
    // "See this transposed convolution step by step": a slice of the selected up block's trained layer (one
    // input channel of its real input for the shown x_t, and the kernel to one output channel), and where it
    // is from.
    void showTransposeConvolution(const de::Grid &input, const de::Grid &kernel,
        const de::TransposeConvParams &params, const QString &note);
    // A purple embedding block was clicked: the embedding view, at level 1 (…embed1) or 2 (…embed2).
    void showEmbeddings(int level);

private:
    void checkpointChanged();
    void requestActivations();
    void showDetails();
    void requestSlice();
    ActivationRequest shownStep() const;
    void showSlice(const de::TransposedConvSlice &slice);

    ExplorerSession *m_session;
    DenoisingPage *m_denoising;
    QVector<BlockInfo> m_blocks;
    QVector<BlockActivation> m_activations;
    int m_activationStep = -1;
    QString m_sliceSource; // which x_t the slice being computed comes from
    QTimer m_delay;
    UnetDiagram *m_diagram = nullptr;
    QLabel *m_details = nullptr;
    ImageGridView *m_maps = nullptr;
    QPushButton *m_tconv = nullptr;
    QPushButton *m_embeddings = nullptr;
};

} // namespace de
