// The number format of the fused sampling pass's convolutions. Free of torch headers.
#pragma once

#include <QString>

namespace de {

// Float32: every value in single precision (the plain path's own arithmetic, to about 1e-6).
// BFloat16: the 3x3 convolutions (all but the last) and the transposed ones read activations and weights
// rounded to bfloat16 (8 significant bits; the image too, for the first) and sum in single precision, on CPUs
// that multiply bfloat16 natively (AVX512_BF16); the activations that only they read are kept in bfloat16,
// everything else (normalisation, embeddings, the shortcut and the last convolution, the output) stays
// float32. Faster sampling; one model call then differs
// from float32 by a few thousandths (at most 4.6e-3 on outputs up to 2, test_context_unet).
enum class Precision {
    Float32,
    BFloat16,
};

// Whether this CPU multiplies bfloat16 natively, so that BFloat16 takes effect.
bool bfloat16Supported();

// The precision every fused pass in this process uses from its next call on: Float32 until set. BFloat16 on
// a CPU without native bfloat16 runs in float32.
Precision samplingPrecision();
void setSamplingPrecision(Precision precision);
// The precision the fused pass actually runs at: BFloat16 only where asked for and supported, and for a
// model of width nFeat only when it is a multiple of 16 (whole 16-channel blocks).
Precision effectivePrecision();
Precision precisionFor(long long nFeat);

// From QSettings "compute/precision" ("float32" or "bfloat16"); bfloat16 when unset or unknown: on the
// bundled models it samples as well as float32 (docs/performance.md) and takes effect only where supported.
Precision configuredPrecision();
void storePrecision(Precision precision);

// "float32" / "bfloat16", and back (false for another name).
QString precisionName(Precision precision);
bool parsePrecision(const QString &name, Precision *precision);

} // namespace de
