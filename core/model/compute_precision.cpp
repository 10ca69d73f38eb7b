#include "model/compute_precision.h"

#include <QSettings>

#include <dnnl.hpp>

#include <atomic>

namespace de {

namespace {
std::atomic<Precision> g_precision {Precision::Float32};
const QString kKey = QStringLiteral("compute/precision");
} // namespace

bool bfloat16Supported()
{
    static const bool supported = (int(dnnl::get_effective_cpu_isa()) & dnnl_cpu_isa_avx512_core_bf16)
        == dnnl_cpu_isa_avx512_core_bf16;
    return supported;
}

Precision samplingPrecision()
{
    return g_precision.load();
}

Precision effectivePrecision()
{
    return samplingPrecision() == Precision::BFloat16 && bfloat16Supported() ? Precision::BFloat16
                                                                             : Precision::Float32;
}

Precision precisionFor(long long nFeat)
{
    return nFeat % 16 == 0 ? effectivePrecision() : Precision::Float32;
}

void setSamplingPrecision(Precision precision)
{
    g_precision.store(precision);
}

Precision configuredPrecision()
{
    Precision p = Precision::BFloat16;
    parsePrecision(QSettings().value(kKey).toString(), &p);
    return p;
}

void storePrecision(Precision precision)
{
    QSettings().setValue(kKey, precisionName(precision));
}

QString precisionName(Precision precision)
{
    return precision == Precision::BFloat16 ? QStringLiteral("bfloat16") : QStringLiteral("float32");
}

bool parsePrecision(const QString &name, Precision *precision)
{
    if (name == QLatin1String("float32"))
        *precision = Precision::Float32;
    else if (name == QLatin1String("bfloat16"))
        *precision = Precision::BFloat16;
    else
        return false;
    return true;
}

} // namespace de
