// A correct OpenMP reduction, as LibTorch runs its parallel loops.
#include <cstdio>
#include <vector>
int main()
{
    std::vector<double> v(1 << 16, 1.0);
    double sum = 0.0;
    for (int round = 0; round < 4; ++round) {
#pragma omp parallel for reduction(+ : sum) num_threads(2)
        for (int i = 0; i < int(v.size()); ++i)
            sum += v[i];
#pragma omp parallel for num_threads(2)
        for (int i = 0; i < int(v.size()); ++i)
            v[i] *= 1.0;
    }
    std::printf("%g\n", sum);
}
