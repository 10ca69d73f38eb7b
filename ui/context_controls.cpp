#include "context_controls.h"

#include "data/class_names.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace de {

namespace {
// Preset data: a vector, or empty for "each class in turn".
struct Preset
{
    QString label;
    QVector<double> values;
};

QVector<Preset> presetsFor(const QStringList &names)
{
    const int k = int(names.size());
    QVector<Preset> list;
    list.push_back({ContextControls::tr("Each class in turn"), {}});
    list.push_back({ContextControls::tr("None (all zero): unconditional"), QVector<double>(k, 0.0)});
    for (int i = 0; i < k; ++i) {
        QVector<double> v(k, 0.0);
        v[i] = 1.0;
        list.push_back({ContextControls::tr("Only %1").arg(names[i]), v});
    }
    auto mix = [&](int a, double wa, int b, double wb) {
        if (a < 0 || b < 0 || a >= k || b >= k
            || a == b) // a model with one or two classes has fewer mixtures
            return;
        QVector<double> v(k, 0.0);
        v[a] = wa;
        v[b] = wb;
        list.push_back(
            {ContextControls::tr("Mixture: %1 %2 + %3 %4").arg(wa).arg(names[a]).arg(wb).arg(names[b]), v});
    };
    // The course mixes two classes with weights such as 0.6 and 0.4.
    mix(k - 2, 0.6, 0, 0.4);
    mix(1, 0.5, 2, 0.5);
    mix(0, 0.5, k - 1, 0.5);
    return list;
}
} // namespace

ContextControls::ContextControls(QWidget *parent)
    : QWidget(parent)
{
    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("presets"));
    m_presets->setToolTip(
        tr("Ready-made contexts: each class in turn, none (the unconditional model), one class, "
           "or a mixture of two"));
    m_live = new QCheckBox(tr("Live preview"), this);
    m_live->setObjectName(QStringLiteral("livePreview"));
    m_live->setChecked(true);
    m_live->setToolTip(
        tr("Re-run a DPM-Solver++ preview (with the steps shown, same seed) whenever the context changes; "
           "the Generate button makes the run with the sampler chosen"));
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_sliderLayout = new QVBoxLayout;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_presets);
    layout->addLayout(m_sliderLayout);
    layout->addWidget(m_hint);
    layout->addWidget(m_live);
    connect(m_presets, &QComboBox::activated, this, &ContextControls::choosePreset);
}

void ContextControls::setClassNames(const QStringList &names)
{
    const QStringList shown = displayClassNames(names); // the checkpoint's English names, translated
    if (shown == m_names)
        return;
    m_names = shown;
    m_updating = true;
    m_presets->clear();
    for (const Preset &p : presetsFor(shown))
        m_presets->addItem(p.label);
    m_updating = false;
    rebuildSliders();
    choosePreset(0);
}

void ContextControls::rebuildSliders()
{
    for (QSlider *s : m_sliders)
        s->parentWidget()->deleteLater();
    m_sliders.clear();
    m_values.clear();
    for (int i = 0; i < m_names.size(); ++i) {
        auto *row = new QWidget(this);
        auto *grid = new QGridLayout(row);
        grid->setContentsMargins(0, 0, 0, 0);
        auto *name = new QLabel(m_names[i], row);
        name->setMinimumWidth(70);
        auto *slider = new QSlider(Qt::Horizontal, row);
        slider->setObjectName(QStringLiteral("class.%1").arg(i));
        slider->setRange(0, 100);
        slider->setToolTip(
            tr("How much of \"%1\" the model is asked for (0 to 1). Mixing classes asks for a blend "
               "the model never saw in training.")
                .arg(m_names[i]));
        auto *value = new QLabel(row);
        value->setMinimumWidth(32);
        grid->addWidget(name, 0, 0);
        grid->addWidget(slider, 0, 1);
        grid->addWidget(value, 0, 2);
        m_sliderLayout->addWidget(row);
        m_sliders.push_back(slider);
        m_values.push_back(value);
        connect(slider, &QSlider::valueChanged, this, &ContextControls::sliderMoved);
    }
}

void ContextControls::sliderMoved()
{
    for (int i = 0; i < m_sliders.size(); ++i)
        m_values[i]->setText(QString::number(m_sliders[i]->value() / 100.0, 'f', 2));
    if (m_updating)
        return;
    m_eachClass = false;
    m_hint->setText(tr("Every sample gets this context."));
    followSliders();
    emit contextChanged();
}

void ContextControls::followSliders()
{
    // The preset box names what the sliders say: a preset with the same values, or "custom".
    const QVector<Preset> list = presetsFor(m_names);
    const QVector<double> v = vector();
    int match = -1;
    for (int i = 0; i < list.size() && match < 0; ++i) {
        if (list[i].values.size() != v.size())
            continue;
        bool same = true;
        for (int j = 0; j < v.size() && same; ++j)
            same = std::abs(list[i].values[j] - v[j]) < 0.005;
        if (same)
            match = i;
    }
    m_updating = true;
    if (match >= 0) {
        if (m_presets->count() > list.size())
            m_presets->removeItem(int(list.size()));
        m_presets->setCurrentIndex(match);
    } else {
        if (m_presets->count() == list.size())
            m_presets->addItem(tr("Custom: %1").arg(describe()));
        else
            m_presets->setItemText(int(list.size()), tr("Custom: %1").arg(describe()));
        m_presets->setCurrentIndex(int(list.size()));
    }
    m_updating = false;
}

bool ContextControls::isCustom() const
{
    return m_presets->currentIndex() >= presetsFor(m_names).size();
}

void ContextControls::setLivePreviewVisible(bool visible)
{
    m_live->setVisible(visible);
    if (!visible)
        m_live->setChecked(false);
}

QVector<double> ContextControls::vector() const
{
    QVector<double> v;
    for (QSlider *s : m_sliders)
        v.push_back(s->value() / 100.0);
    return v;
}

void ContextControls::setVector(const QVector<double> &values)
{
    m_updating = true;
    for (int i = 0; i < m_sliders.size() && i < values.size(); ++i)
        m_sliders[i]->setValue(int(std::lround(values[i] * 100.0)));
    m_updating = false;
    sliderMoved();
}

void ContextControls::choosePreset(int index)
{
    const QVector<Preset> list = presetsFor(m_names);
    if (index < 0 || index >= list.size())
        return; // "custom" is what the sliders already say
    if (m_presets->count() > list.size())
        m_presets->removeItem(int(list.size()));
    if (m_presets->currentIndex() != index)
        m_presets->setCurrentIndex(index);
    if (list[index].values.isEmpty()) {
        m_updating = true;
        for (QSlider *s : m_sliders)
            s->setValue(0);
        m_updating = false;
        m_eachClass = true;
        m_hint->setText(
            tr("Sample i gets class i mod %1: one column (or row) per class.").arg(m_names.size()));
        for (QLabel *l : m_values)
            l->setText(QStringLiteral("–"));
        emit contextChanged();
        return;
    }
    setVector(list[index].values);
}

int ContextControls::presetCount() const
{
    return int(presetsFor(m_names).size()); // without "custom"
}

QVector<float> ContextControls::contextFor(int count) const
{
    const int k = int(m_names.size());
    QVector<float> c(qsizetype(count) * k, 0.0f);
    const QVector<double> v = vector();
    for (int i = 0; i < count; ++i)
        for (int j = 0; j < k; ++j)
            c[qsizetype(i) * k + j] = m_eachClass ? (j == i % k ? 1.0f : 0.0f) : float(v[j]);
    return c;
}

QString ContextControls::describe() const
{
    if (m_eachClass)
        return tr("each class in turn");
    QStringList parts;
    const QVector<double> v = vector();
    for (int i = 0; i < v.size(); ++i)
        if (v[i] > 0)
            parts.push_back(QStringLiteral("%1 %2").arg(v[i]).arg(m_names[i]));
    return parts.isEmpty() ? tr("no context") : parts.join(QStringLiteral(" + "));
}

bool ContextControls::livePreview() const
{
    return m_live->isChecked();
}

} // namespace de
