// The context a model is asked for: one slider per class (0..1, named after the data set's classes), and
// presets: each class in turn, none, one class, and mixtures. Optionally asks for a live preview on change.
#pragma once

#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QVBoxLayout;

namespace de {

class ContextControls : public QWidget
{
    Q_OBJECT
public:
    explicit ContextControls(QWidget *parent = nullptr);

    void setClassNames(const QStringList &names);
    QStringList classNames() const { return m_names; }
    // True when every sample gets a different class in turn (the preset "each class in turn").
    bool eachClassInTurn() const { return m_eachClass; }
    QVector<double> vector() const;
    void setVector(const QVector<double> &values);
    // count * n_cfeat values for a sampler request.
    QVector<float> contextFor(int count) const;
    // A short description, e.g. "0.6 food + 0.4 faces" or "each class in turn".
    QString describe() const;
    bool livePreview() const;
    int presetCount() const;
    void choosePreset(int index);
    QComboBox *presetBox() const { return m_presets; }
    // True when the sliders say something no preset says (the box then shows "Custom: …").
    bool isCustom() const;
    // Pages without a preview hide the "Live preview" box.
    void setLivePreviewVisible(bool visible);

signals:
    void contextChanged();

private:
    void rebuildSliders();
    void sliderMoved();
    void followSliders();

    QStringList m_names;
    bool m_eachClass = true;
    bool m_updating = false;
    QComboBox *m_presets = nullptr;
    QCheckBox *m_live = nullptr;
    QVBoxLayout *m_sliderLayout = nullptr;
    QVector<QSlider *> m_sliders;
    QVector<QLabel *> m_values;
    QLabel *m_hint = nullptr;
};

} // namespace de
