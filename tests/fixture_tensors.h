// Reads the tensors that tests/fixtures/make_fixtures.py wrote with PyTorch.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <torch/torch.h>

#include <map>

namespace de::test {

struct FixtureTensors
{
    QJsonObject header;
    std::map<std::string, torch::Tensor> tensors;
    bool ok = false;
};

inline FixtureTensors loadFixtureTensors(const QString &jsonPath, const QString &binPath)
{
    FixtureTensors f;
    QFile json(jsonPath), bin(binPath);
    if (!json.open(QIODevice::ReadOnly) || !bin.open(QIODevice::ReadOnly))
        return f;
    f.header = QJsonDocument::fromJson(json.readAll()).object();
    const QByteArray blob = bin.readAll();
    const QJsonObject index = f.header.value(QStringLiteral("tensors")).toObject();
    for (auto it = index.begin(); it != index.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        std::vector<int64_t> shape;
        for (const QJsonValue &d : entry.value(QStringLiteral("shape")).toArray())
            shape.push_back(d.toInteger());
        const qint64 offset = entry.value(QStringLiteral("offset")).toInteger();
        const qint64 count = entry.value(QStringLiteral("count")).toInteger();
        if (offset + count * 4 > blob.size())
            return f;
        torch::Tensor t = torch::empty({count}, torch::kFloat32);
        std::memcpy(t.data_ptr<float>(), blob.constData() + offset, size_t(count) * 4);
        f.tensors[it.key().toStdString()] = t.reshape(shape);
    }
    f.ok = true;
    return f;
}

} // namespace de::test
