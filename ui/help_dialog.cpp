#include "help_dialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace de {

HelpDialog::HelpDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("How diffusion works"));
    auto *browser = new QTextBrowser(this);
    browser->setHtml(text());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    resize(640, 560);
}

QString HelpDialog::text()
{
    return tr(
        "<h2>How diffusion works</h2>"
        "<p><b>Forward diffusion</b> destroys an image step by step. At timestep t the image x0 is mixed "
        "with "
        "Gaussian noise eps: x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps. The schedule ᾱ_t falls from 1 (clean) to "
        "almost 0 "
        "(pure noise) over T = 500 steps. See it on the <i>Forward diffusion</i> page.</p>"
        "<p><b>Training</b> teaches a network, the U-Net, to look at x_t (and t, and a context such as a "
        "class) and "
        "say which noise was added. The loss is the squared difference between the true and the predicted "
        "noise. "
        "Sometimes the context is hidden, so the same network also learns to predict without it. Watch the "
        "loss "
        "fall on the <i>Training</i> page.</p>"
        "<p><b>Sampling</b> runs the process backwards. Start from pure noise; at each step the network "
        "predicts "
        "the noise, which also tells what the clean image would be (x0), and the sampler moves a little "
        "towards "
        "it. DDPM takes all 500 steps and adds a little fresh noise each time; DDIM takes a few large, "
        "deterministic steps. Step through every one on the <i>Denoising</i> page.</p>"
        "<p><b>Context and guidance.</b> The context vector says what to draw: one class, none, or a "
        "mixture. "
        "Classifier-free guidance exaggerates the difference between the prediction with and without the "
        "context: eps = (1 + w) eps(context) − w eps(none).</p>"
        "<p><b>Transposed convolution</b> is how the U-Net's decoder grows small feature maps into large "
        "ones: "
        "each input value stamps a scaled copy of the kernel onto the output. Take it apart on the "
        "<i>Transpose convolution</i> page.</p>");
}

} // namespace de
