<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AtomicFile</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Benchmark</name>
    <message>
        <source>training step, batch 100…</source>
        <translation>训练步，批量 100…</translation>
    </message>
    <message>
        <source>DDPM step, batch 32…</source>
        <translation>DDPM 单步，批量 32…</translation>
    </message>
    <message>
        <source>DDPM step, batch 1…</source>
        <translation>DDPM 单步，批量 1…</translation>
    </message>
    <message>
        <source>DDIM preview, 16 samples in 25 steps…</source>
        <translation>DDIM 预览，16 个样本、25 步…</translation>
    </message>
    <message>
        <source>3x3 convolution, 64 to 64 channels…</source>
        <translation>3x3 卷积，64 到 64 通道…</translation>
    </message>
    <message>
        <source>DPM-Solver++ preview, 16 samples in 12 steps…</source>
        <translation>DPM-Solver++ 预览，16 个样本 12 步…</translation>
    </message>
</context>
<context>
    <name>BundledModels</name>
    <message>
        <source>Sprites</source>
        <translation>精灵图</translation>
    </message>
    <message>
        <source>16×16 colour emoji sprites in five classes (faces, people, animals, food, objects), trained with this program</source>
        <translation>16×16 彩色表情符号精灵图，共五个类别（faces、people、animals、food、objects），由本程序训练</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>28×28 grey clothing images in ten classes, trained with this program</source>
        <translation>28×28 灰度服饰图像，共十个类别，由本程序训练</translation>
    </message>
    <message>
        <source>There is no bundled model &quot;%1&quot;; use %2</source>
        <translation>没有名为 &quot;%1&quot; 的内置模型；请使用 %2</translation>
    </message>
</context>
<context>
    <name>Checkpoint</name>
    <message>
        <source>%1 has no readable description</source>
        <translation>%1 没有可读取的描述信息</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of this program</source>
        <translation>%1 是由本程序的更新版本写入的</translation>
    </message>
    <message>
        <source>%1 describes an impossible model: %2</source>
        <translation>%1 描述的模型不合理：%2</translation>
    </message>
    <message>
        <source>Could not serialise the model: %1</source>
        <translation>无法序列化模型：%1</translation>
    </message>
    <message>
        <source>%1 is not a Diffusion Explorer checkpoint, or it is damaged</source>
        <translation>%1 不是 Diffusion Explorer 检查点，或者已损坏</translation>
    </message>
    <message>
        <source>%1 holds no model weights</source>
        <translation>%1 中没有模型权重</translation>
    </message>
    <message>
        <source>%1 does not match the model it describes: %2</source>
        <translation>%1 与其描述的模型不匹配：%2</translation>
    </message>
    <message>
        <source>the stored weights belong to a different model</source>
        <translation>存储的权重属于另一个模型</translation>
    </message>
    <message>
        <source>the stored weights are too short</source>
        <translation>存储的权重太短</translation>
    </message>
    <message>
        <source>the stored weights are too long</source>
        <translation>存储的权重太长</translation>
    </message>
    <message>
        <source>the code is larger than a checkpoint&apos;s</source>
        <translation>其中的代码比检查点的代码还大</translation>
    </message>
    <message>
        <source>line %1 is not a module declaration</source>
        <translation>第 %1 行不是模块声明</translation>
    </message>
    <message>
        <source>%1 is a damaged zip archive (%2)</source>
        <translation>%1 是已损坏的 zip 归档（%2）</translation>
    </message>
    <message>
        <source>%1 is damaged: in &apos;%2&apos;, %3</source>
        <translation>%1 已损坏：在 &apos;%2&apos; 中，%3</translation>
    </message>
    <message>
        <source>%1 names an unknown noise schedule &apos;%2&apos;</source>
        <translation>%1 指定了未知的噪声调度「%2」</translation>
    </message>
    <message>
        <source>%1 says it keeps averaged weights but holds none</source>
        <translation>%1 声称保存了平均权重，但其中没有</translation>
    </message>
    <message>
        <source>%1 keeps only the averaged (EMA) weights; its raw weights were not saved</source>
        <translation>%1 只保存了平均（EMA）权重；原始权重没有保存</translation>
    </message>
</context>
<context>
    <name>CheckpointInfo</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>last loss</source>
        <translation>最后损失</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>program version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <source>saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>loss history</source>
        <translation>损失历史</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PyTorch state_dict (.pth)</source>
        <translation>PyTorch state_dict（.pth）</translation>
    </message>
    <message>
        <source>Diffusion Explorer checkpoint</source>
        <translation>Diffusion Explorer 检查点</translation>
    </message>
    <message>
        <source>init_conv shortcut</source>
        <translation>init_conv 捷径</translation>
    </message>
    <message>
        <source>course-compatible: a fresh random 1×1 convolution on every forward pass</source>
        <translation>课程兼容：每次前向传播都使用一个新的随机 1×1 卷积</translation>
    </message>
    <message>
        <source>learned (init_conv.shortcut)</source>
        <translation>已学习（init_conv.shortcut）</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>stored in half precision, computed in float32</source>
        <translation>以半精度存储，以 float32 计算</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>noise schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Min-SNR-γ weighted, γ = %1</source>
        <translation>Min-SNR-γ 加权，γ = %1</translation>
    </message>
    <message>
        <source>plain mean squared error</source>
        <translation>普通均方误差</translation>
    </message>
    <message>
        <source>learning-rate warm-up</source>
        <translation>学习率预热</translation>
    </message>
    <message>
        <source>input perturbation</source>
        <translation>输入扰动</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>flips and one-pixel shifts</source>
        <translation>水平翻转和一像素平移</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>time budget</source>
        <translation>时间预算</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>weight average (EMA)</source>
        <translation>权重平均（EMA）</translation>
    </message>
    <message>
        <source>kept beside the raw weights and used for sampling (half-life %1 of the images seen, last decay %2); --weights raw uses the raw ones</source>
        <translation>与原始权重一起保存，采样时使用（半衰期为已见图像数的 %1，最后一次衰减 %2）；--weights raw 使用原始权重</translation>
    </message>
    <message>
        <source>the file&apos;s weights are the average (half-life %1 of the images seen, last decay %2); the raw ones were not kept</source>
        <translation>文件中的权重就是平均权重（半衰期为已见图像数的 %1，最后一次衰减 %2）；原始权重没有保存</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>context dropout</source>
        <translation>上下文丢弃</translation>
    </message>
    <message>
        <source>%1 of the samples trained without their context (the unconditional model of guidance)</source>
        <translation>%1 的样本在训练时不带上下文（供引导使用的无条件模型）</translation>
    </message>
</context>
<context>
    <name>ClassNames</name>
    <message>
        <source>faces</source>
        <translation>表情</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>animals</source>
        <translation>动物</translation>
    </message>
    <message>
        <source>food</source>
        <translation>食物</translation>
    </message>
    <message>
        <source>objects</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>hero</source>
        <translation>英雄</translation>
    </message>
    <message>
        <source>non-hero</source>
        <translation>非英雄</translation>
    </message>
    <message>
        <source>spell</source>
        <translation>法术</translation>
    </message>
    <message>
        <source>side-facing</source>
        <translation>侧面</translation>
    </message>
</context>
<context>
    <name>Classifier</name>
    <message>
        <source>classifier for %1 (%2×%3×%4, %5 classes): %6% of %7 %8 images right; trained %9 steps, seed %10</source>
        <translation>用于 %1 的分类器（%2×%3×%4，%5 个类别）：%7 张%8图像中 %6% 判断正确；已训练 %9 步，随机种子 %10</translation>
    </message>
    <message>
        <source>test-set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>held-out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>%1 is not a classifier file</source>
        <translation>%1 不是分类器文件</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of this program</source>
        <translation>%1 是由本程序的更新版本写入的</translation>
    </message>
    <message>
        <source>%1 describes an impossible classifier</source>
        <translation>%1 描述的分类器不合理</translation>
    </message>
    <message>
        <source>Could not serialise the classifier: %1</source>
        <translation>无法序列化分类器：%1</translation>
    </message>
    <message>
        <source>Cannot read the classifier %1: %2</source>
        <translation>无法读取分类器 %1：%2</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>%1 holds no weights</source>
        <translation>%1 中没有权重</translation>
    </message>
    <message>
        <source>%1 is not a classifier file, or it is damaged: %2</source>
        <translation>%1 不是分类器文件，或者已损坏：%2</translation>
    </message>
    <message>
        <source>A classifier needs training images and held-out images (got %1 and %2)</source>
        <translation>分类器需要训练图像和留出图像（实际为 %1 张和 %2 张）</translation>
    </message>
    <message>
        <source>The held-out images do not match the training images in shape or classes</source>
        <translation>留出图像与训练图像的形状或类别不一致</translation>
    </message>
    <message>
        <source>The classifier&apos;s loss became %1 at step %2</source>
        <translation>分类器的损失在第 %2 步变为 %1</translation>
    </message>
    <message>
        <source>A classifier needs at least two classes; %1 has %2</source>
        <translation>分类器至少需要两个类别；%1 只有 %2 个</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助信息。</translation>
    </message>
    <message>
        <source>Unexpected arguments: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3 (got &quot;%4&quot;)</source>
        <translation>--%1 必须是 %2 到 %3 之间的整数（实际为 &quot;%4&quot;）</translation>
    </message>
    <message>
        <source>--%1 must be a number from %2 to %3 (got &quot;%4&quot;)</source>
        <translation>--%1 必须是 %2 到 %3 之间的数（实际为 &quot;%4&quot;）</translation>
    </message>
    <message>
        <source>Interrupted: stopping after the current step…</source>
        <translation>已中断：将在当前步骤完成后停止…</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Checkpoint to write (atomically).</source>
        <translation>要写入的检查点（以原子方式写入）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Continue from this checkpoint (model, optimizer and step).</source>
        <translation>从此检查点继续训练（模型、优化器和步数）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Total optimisation steps.</source>
        <translation>优化总步数。</translation>
    </message>
    <message>
        <source>Passes over the data set (instead of --steps).</source>
        <translation>遍历数据集的轮数（代替 --steps）。</translation>
    </message>
    <message>
        <source>Images per step. Default 100.</source>
        <translation>每步的图像数。默认 100。</translation>
    </message>
    <message>
        <source>Initial learning rate, decaying linearly to zero. Default 0.001.</source>
        <translation>初始学习率，线性衰减到零。默认 0.001。</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>Seed for the weights, the batches and the noise. Default 0.</source>
        <translation>用于权重、批次和噪声的随机种子。默认 0。</translation>
    </message>
    <message>
        <source>Compute threads. Default: the setting, or all cores.</source>
        <translation>计算线程数。默认：使用设置中的值，若未设置则使用全部核心。</translation>
    </message>
    <message>
        <source>Also write the checkpoint every N steps.</source>
        <translation>另外每隔 N 步写入一次检查点。</translation>
    </message>
    <message>
        <source>Emoji only: use at most N sprites of each class.</source>
        <translation>仅用于 emoji：每个类别最多使用 N 个精灵图。</translation>
    </message>
    <message>
        <source>Emoji only: where the rendered sprites are cached.</source>
        <translation>仅用于 emoji：渲染出的精灵图的缓存位置。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Print only the summary.</source>
        <translation>只输出摘要。</translation>
    </message>
    <message>
        <source>Train a ContextUnet and write a checkpoint.</source>
        <translation>训练一个 ContextUnet 并写入检查点。</translation>
    </message>
    <message>
        <source>train needs --out FILE, the checkpoint to write.</source>
        <translation>train 需要 --out FILE，即要写入的检查点。</translation>
    </message>
    <message>
        <source>--n-feat must be a multiple of 8, because GroupNorm uses 8 groups (got %1).</source>
        <translation>--n-feat 必须是 8 的倍数，因为 GroupNorm 使用 8 个分组（实际为 %1）。</translation>
    </message>
    <message>
        <source>Data set %1: %2 images of %3x%4x%5%6</source>
        <translation>数据集 %1：%2 张 %3x%4x%5 的图像%6</translation>
    </message>
    <message>
        <source> (from the cache)</source>
        <translation>（来自缓存）</translation>
    </message>
    <message>
        <source>step %1/%2  loss %3  lr %4  %5 steps/s  %6 left</source>
        <translation>步 %1/%2  损失 %3  学习率 %4  %5 步/秒  剩余 %6</translation>
    </message>
    <message>
        <source>Stopped at step %1 of %2; the checkpoint was saved to %3 (resume with --resume).</source>
        <translation>已在第 %1 步（共 %2 步）停止；检查点已保存到 %3（可用 --resume 继续）。</translation>
    </message>
    <message>
        <source>Finished %1 steps of %2; the checkpoint was saved to %3.</source>
        <translation>已完成 %1 / %2 步；检查点已保存到 %3。</translation>
    </message>
    <message>
        <source>Last loss %1, %2 steps/s.</source>
        <translation>最后损失 %1，%2 步/秒。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>The model to sample from.</source>
        <translation>要从中采样的模型。</translation>
    </message>
    <message>
        <source>DDIM noise: 0 is deterministic. Default 0.</source>
        <translation>DDIM 噪声：0 表示确定性采样。默认 0。</translation>
    </message>
    <message>
        <source>Number of samples. Default 16.</source>
        <translation>样本数量。默认 16。</translation>
    </message>
    <message>
        <source>Class index or name for every sample, or &quot;all&quot; to cycle through the classes (the default).</source>
        <translation>所有样本使用的类别索引或名称，或用 &quot;all&quot; 依次轮换各个类别（默认）。</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>A context vector v1,v2,... of n_cfeat values for every sample (mixtures allowed), or &quot;none&quot;.</source>
        <translation>所有样本使用的上下文向量 v1,v2,...，共 n_cfeat 个值（允许混合），或 &quot;none&quot;。</translation>
    </message>
    <message>
        <source>VALUES</source>
        <translation>VALUES</translation>
    </message>
    <message>
        <source>Classifier-free guidance weight w: eps = (1+w) eps(c) - w eps(0).</source>
        <translation>无分类器引导的权重 w：eps = (1+w) eps(c) - w eps(0)。</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>Seed for the initial noise and the sampler noise. Default 0.</source>
        <translation>用于初始噪声和采样器噪声的随机种子。默认 0。</translation>
    </message>
    <message>
        <source>PNG grid to write.</source>
        <translation>要写入的 PNG 网格图。</translation>
    </message>
    <message>
        <source>Pixels per image pixel in the grid. Default 4.</source>
        <translation>网格中每个图像像素所占的像素数。默认 4。</translation>
    </message>
    <message>
        <source>Also write every step&apos;s x_t as a .npy array (steps+1, n, C, H, W).</source>
        <translation>另外将每一步的 x_t 写入一个 .npy 数组 (steps+1, n, C, H, W)。</translation>
    </message>
    <message>
        <source>Sample a checkpoint into a PNG grid.</source>
        <translation>从检查点采样，生成 PNG 网格图。</translation>
    </message>
    <message>
        <source>sample needs --checkpoint FILE.</source>
        <translation>sample 需要 --checkpoint FILE。</translation>
    </message>
    <message>
        <source>sample needs --out FILE.png.</source>
        <translation>sample 需要 --out FILE.png。</translation>
    </message>
    <message>
        <source>Give --class or --context, not both.</source>
        <translation>请指定 --class 或 --context，不要同时指定。</translation>
    </message>
    <message>
        <source>--class must be a class index from 0 to %1, a class name (%2) or &quot;all&quot; (got &quot;%3&quot;).</source>
        <translation>--class 必须是 0 到 %1 之间的类别索引、类别名称（%2）或 &quot;all&quot;（实际为 &quot;%3&quot;）。</translation>
    </message>
    <message>
        <source>Sampling was stopped; nothing was written.</source>
        <translation>采样已停止；未写入任何内容。</translation>
    </message>
    <message>
        <source>Wrote %1 samples to %2.</source>
        <translation>已将 %1 个样本写入 %2。</translation>
    </message>
    <message>
        <source>Wrote the trajectory (%1 steps) to %2.</source>
        <translation>已将轨迹（%1 步）写入 %2。</translation>
    </message>
    <message>
        <source>Describe a checkpoint.</source>
        <translation>描述检查点。</translation>
    </message>
    <message>
        <source>info needs one checkpoint file.</source>
        <translation>info 需要一个检查点文件。</translation>
    </message>
    <message>
        <source>PNG with examples of each class, one row per class.</source>
        <translation>包含各类别示例的 PNG，每个类别一行。</translation>
    </message>
    <message>
        <source>Examples per class in the PNG. Default 12.</source>
        <translation>PNG 中每个类别的示例数。默认 12。</translation>
    </message>
    <message>
        <source>Load a data set and describe it.</source>
        <translation>加载数据集并描述其内容。</translation>
    </message>
    <message>
        <source>Wrote examples to %1.</source>
        <translation>已将示例写入 %1。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>The input matrix: rows separated by &apos;;&apos;, values by &apos;,&apos;.</source>
        <translation>输入矩阵：行之间用 &apos;;&apos; 分隔，值之间用 &apos;,&apos; 分隔。</translation>
    </message>
    <message>
        <source>MATRIX</source>
        <translation>MATRIX</translation>
    </message>
    <message>
        <source>The kernel matrix, written the same way.</source>
        <translation>卷积核矩阵，写法相同。</translation>
    </message>
    <message>
        <source>Stride, 1 to 4. Default 2.</source>
        <translation>步幅，1 到 4。默认 2。</translation>
    </message>
    <message>
        <source>Padding, 0 to kernel size - 1. Default 1.</source>
        <translation>填充，0 到卷积核尺寸 - 1。默认 1。</translation>
    </message>
    <message>
        <source>Extra rows and columns at the bottom and right, smaller than the stride or the dilation. Default 0.</source>
        <translation>在底部和右侧额外添加的行数和列数，须小于步幅或膨胀。默认 0。</translation>
    </message>
    <message>
        <source>Spacing between kernel cells, 1 to 3. Default 1.</source>
        <translation>卷积核单元格之间的间距，1 到 3。默认 1。</translation>
    </message>
    <message>
        <source>A bias added to every output cell.</source>
        <translation>加到每个输出单元格上的偏置。</translation>
    </message>
    <message>
        <source>Print every step of the chosen view before the output.</source>
        <translation>在输出结果之前打印所选视图的每一步。</translation>
    </message>
    <message>
        <source>scatter, direct or matrix. Default scatter.</source>
        <translation>scatter、direct 或 matrix。默认 scatter。</translation>
    </message>
    <message>
        <source>Compute a transposed convolution (PyTorch&apos;s ConvTranspose2d, one channel) and print its output matrix.</source>
        <translation>计算转置卷积（PyTorch 的 ConvTranspose2d，单通道）并打印其输出矩阵。</translation>
    </message>
    <message>
        <source>tconv needs --input and --kernel, e.g. --input &quot;1,2;3,4&quot; --kernel &quot;1,0,1;0,1,0;1,0,1&quot;.</source>
        <translation>tconv 需要 --input 和 --kernel，例如 --input &quot;1,2;3,4&quot; --kernel &quot;1,0,1;0,1,0;1,0,1&quot;。</translation>
    </message>
    <message>
        <source>--input: %1.</source>
        <translation>--input：%1。</translation>
    </message>
    <message>
        <source>--kernel: %1.</source>
        <translation>--kernel：%1。</translation>
    </message>
    <message>
        <source>--view must be scatter, direct or matrix (got &quot;%1&quot;).</source>
        <translation>--view 必须是 scatter、direct 或 matrix（实际为 &quot;%1&quot;）。</translation>
    </message>
    <message>
        <source>Zero-inserted, padded input:</source>
        <translation>插零并填充后的输入：</translation>
    </message>
    <message>
        <source>Kernel rotated 180 degrees:</source>
        <translation>旋转 180 度后的卷积核：</translation>
    </message>
    <message>
        <source>C transposed (one row per output cell, one column per input cell):</source>
        <translation>C 的转置（每个输出单元格一行，每个输入单元格一列）：</translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation>第 %1/%2 步：%3</translation>
    </message>
    <message>
        <source>Output (%1x%2):</source>
        <translation>输出（%1x%2）：</translation>
    </message>
    <message>
        <source>For folder: data sets: resize images to N×N (a multiple of 4). Default 16.</source>
        <translation>仅用于 folder: 数据集：将图像缩放为 N×N（须为 4 的倍数）。默认 16。</translation>
    </message>
    <message>
        <source>For folder: data sets: one grey channel instead of RGB.</source>
        <translation>仅用于 folder: 数据集：使用单个灰度通道，而不是 RGB。</translation>
    </message>
    <message>
        <source>For folder: data sets: resize with nearest neighbour (pixel art) instead of smoothly.</source>
        <translation>仅用于 folder: 数据集：使用最近邻缩放（适合像素画），而不是平滑缩放。</translation>
    </message>
    <message>
        <source>--image-size must be a multiple of 4 (got %1).</source>
        <translation>--image-size 必须是 4 的倍数（实际为 %1）。</translation>
    </message>
    <message>
        <source>Data set: emoji, fashion-mnist, idx:FOLDER (MNIST-format IDX files), npy:IMAGES.npy[,LABELS.npy] (the course&apos;s sprite files) or folder:FOLDER (one subfolder of images per class).</source>
        <translation>数据集：emoji、fashion-mnist、idx:FOLDER（MNIST 格式的 IDX 文件）、npy:IMAGES.npy[,LABELS.npy]（课程中的精灵图文件）或 folder:FOLDER（每个类别一个图像子文件夹）。</translation>
    </message>
    <message>
        <source>CHECKPOINT</source>
        <translation>CHECKPOINT</translation>
    </message>
    <message>
        <source>OUT.pth</source>
        <translation>OUT.pth</translation>
    </message>
    <message>
        <source>Where to write the state_dict.</source>
        <translation>state_dict 的写入位置。</translation>
    </message>
    <message>
        <source>Write a checkpoint&apos;s state_dict for PyTorch: torch.load reads it, and tools/contextunet.py loads it strictly.</source>
        <translation>将检查点的 state_dict 写成 PyTorch 格式：torch.load 可以读取，tools/contextunet.py 可以严格加载。</translation>
    </message>
    <message>
        <source>export needs a checkpoint and an output file.</source>
        <translation>export 需要一个检查点和一个输出文件。</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写入 %1。</translation>
    </message>
    <message>
        <source>Width of the sprite model. Default 64.</source>
        <translation>精灵图模型的宽度。默认 64。</translation>
    </message>
    <message>
        <source>Print one JSON object instead of a table.</source>
        <translation>输出一个 JSON 对象而不是表格。</translation>
    </message>
    <message>
        <source>Fewer repetitions (a smoke test, not a measurement).</source>
        <translation>减少重复次数（仅作冒烟测试，不是测量）。</translation>
    </message>
    <message>
        <source>Time the sprite model&apos;s training and sampling, and the machine&apos;s own convolution speed.</source>
        <translation>测量精灵图模型的训练和采样耗时，以及本机自身的卷积速度。</translation>
    </message>
    <message>
        <source>--n-feat must be a multiple of 8 (got %1).</source>
        <translation>--n-feat 必须是 8 的倍数（当前为 %1）。</translation>
    </message>
    <message>
        <source>The checkpoint or PyTorch .pth file to describe.</source>
        <translation>要描述的检查点或 PyTorch .pth 文件。</translation>
    </message>
    <message>
        <source>The checkpoint (or .pth file) to export.</source>
        <translation>要导出的检查点（或 .pth 文件）。</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>IN</translation>
    </message>
    <message>
        <source>A checkpoint or a PyTorch .pth state_dict.</source>
        <translation>检查点或 PyTorch .pth state_dict。</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>OUT</translation>
    </message>
    <message>
        <source>The file to write: .pth for PyTorch, any other name for a checkpoint.</source>
        <translation>要写入的文件：以 .pth 结尾则写成 PyTorch 文件，其他任何名称则写成检查点。</translation>
    </message>
    <message>
        <source>Convert between Diffusion Explorer checkpoints and PyTorch .pth state_dicts; the output&apos;s suffix chooses the format. A .pth&apos;s configuration is inferred from its tensor shapes.</source>
        <translation>在 Diffusion Explorer 检查点与 PyTorch .pth state_dict 之间相互转换；输出文件的后缀决定格式。.pth 文件的配置由其张量形状推断得出。</translation>
    </message>
    <message>
        <source>convert needs an input and an output file.</source>
        <translation>convert 需要一个输入文件和一个输出文件。</translation>
    </message>
    <message>
        <source>Read %1: %2</source>
        <translation>已读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder.</source>
        <translation>无法创建临时文件夹。</translation>
    </message>
    <message>
        <source>Training the sprite model on the emoji sprites (worker: %1 thread(s))…</source>
        <translation>正在用表情精灵图训练精灵模型（工作线程：%1 个）…</translation>
    </message>
    <message>
        <source>Sampling 16 images, every step shown…</source>
        <translation>正在采样 16 张图像，显示每一步…</translation>
    </message>
    <message>
        <source>Event-loop stalls on this thread, worker on %1 of %2 cores (target: 99th percentile under 20 ms, worst under 100 ms)
while training (%3 steps, %4 s, data set loading included):  99th percentile %5 ms, worst %6 ms
while sampling (%7, %8 s):  99th percentile %9 ms, worst %10 ms</source>
        <translation>本线程的事件循环停顿，工作线程使用 %2 个核心中的 %1 个（目标：第 99 百分位低于 20 毫秒，最长低于 100 毫秒）
训练时（%3 步，%4 秒，含数据集加载）：第 99 百分位 %5 毫秒，最长 %6 毫秒
采样时（%7，%8 秒）：第 99 百分位 %9 毫秒，最长 %10 毫秒</translation>
    </message>
    <message>
        <source>DDIM, 10 steps</source>
        <translation>DDIM，10 步</translation>
    </message>
    <message>
        <source>DDPM, 500 steps</source>
        <translation>DDPM，500 步</translation>
    </message>
    <message>
        <source>Sampling engine: onednn (the fused pass, default) or libtorch (one LibTorch operator at a time), to measure what the fused pass gains.</source>
        <translation>采样引擎：onednn（融合的前向计算，默认）或 libtorch（逐个调用 LibTorch 算子），用于衡量融合计算带来的提升。</translation>
    </message>
    <message>
        <source>Instead: how long this thread&apos;s event loop (the window&apos;s, in the program) waits while the worker trains and samples, with the worker on all cores but one (or --threads).</source>
        <translation>改为测量：工作线程训练和采样时，本线程的事件循环（在程序中即窗口的事件循环）等待了多久；工作线程使用除一个核心外的所有核心（或 --threads 指定的数量）。</translation>
    </message>
    <message>
        <source>--engine must be onednn or libtorch (got %1).</source>
        <translation>--engine 必须是 onednn 或 libtorch（收到 %1）。</translation>
    </message>
    <message>
        <source>--conv must be auto, direct or winograd (got %1).</source>
        <translation>--conv 必须是 auto、direct 或 winograd（收到 %1）。</translation>
    </message>
    <message>
        <source>3x3 convolution method: auto (default), direct or winograd. direct also trains with LibTorch&apos;s convolutions instead of the Winograd kernels.</source>
        <translation>3x3 卷积算法：auto（默认）、direct 或 winograd。选择 direct 时，训练也改用 LibTorch 的卷积而不是 Winograd 内核。</translation>
    </message>
    <message>
        <source>Write a checkpoint with half-precision weights and no optimizer state (about a third of the size; how the bundled models are made). Refused when the output changes by more than 0.01.</source>
        <translation>写入使用半精度权重、不含优化器状态的检查点（大小约为原来的三分之一；内置模型就是这样制作的）。如果输出的变化超过 0.01，则拒绝写入。</translation>
    </message>
    <message>
        <source>Wrote %1 with half-precision weights (%2 bytes); the largest change in the model&apos;s output is %3.</source>
        <translation>已以半精度权重写入 %1（%2 字节）；模型输出的最大变化为 %3。</translation>
    </message>
    <message>
        <source>Data set to learn, as for train. Fashion-MNIST is measured on its test set; any other on a held-out share of its images.</source>
        <translation>要学习的数据集，与 train 相同。Fashion-MNIST 在其测试集上测量；其他数据集则在留出的一部分图像上测量。</translation>
    </message>
    <message>
        <source>Classifier file to write (atomically).</source>
        <translation>要写入的分类器文件（以原子方式写入）。</translation>
    </message>
    <message>
        <source>Passes over the images. Default 4.</source>
        <translation>遍历图像的轮数。默认 4。</translation>
    </message>
    <message>
        <source>Batch size. Default 128.</source>
        <translation>批大小。默认 128。</translation>
    </message>
    <message>
        <source>Initial Adam learning rate (decays to 0). Default 0.002.</source>
        <translation>Adam 的初始学习率（衰减到 0）。默认 0.002。</translation>
    </message>
    <message>
        <source>Share of each class held out for measuring, for sets without a test set. Default 0.2.</source>
        <translation>对于没有测试集的数据集，每个类别留出用于测量的比例。默认 0.2。</translation>
    </message>
    <message>
        <source>Seed. Default 0.</source>
        <translation>随机种子。默认 0。</translation>
    </message>
    <message>
        <source>Train the small classifier that evaluate uses to judge a model&apos;s samples, and report its accuracy on images it never saw.</source>
        <translation>训练 evaluate 用来评判模型样本的小型分类器，并报告它在从未见过的图像上的准确率。</translation>
    </message>
    <message>
        <source>train-classifier needs --out FILE.</source>
        <translation>train-classifier 需要 --out FILE。</translation>
    </message>
    <message>
        <source>step %1/%2  loss %3  %4 steps/s  %5 left</source>
        <translation>步 %1/%2  损失 %3  %4 步/秒  剩余 %5</translation>
    </message>
    <message>
        <source>Stopped; nothing was written.</source>
        <translation>已停止；没有写入任何文件。</translation>
    </message>
    <message>
        <source>Trained on %1 images in %2; measured on %3 others.</source>
        <translation>已在 %1 张图像上训练，用时 %2；在另外 %3 张图像上测量。</translation>
    </message>
    <message>
        <source>Held-out accuracy %1%. Wrote %2.</source>
        <translation>留出准确率 %1%。已写入 %2。</translation>
    </message>
    <message>
        <source>The model to judge: a file, bundled:sprites or bundled:fashion.</source>
        <translation>要评判的模型：文件、bundled:sprites 或 bundled:fashion。</translation>
    </message>
    <message>
        <source>The classifier that judges the samples. Default: the bundled model&apos;s own, NAME-classifier.ckpt beside the checkpoint, or a bundled one for the same data set.</source>
        <translation>评判样本的分类器。默认：内置模型自带的分类器、检查点旁边的 NAME-classifier.ckpt，或同一数据集的内置分类器。</translation>
    </message>
    <message>
        <source>Samples of each class. Default 100.</source>
        <translation>每个类别的样本数。默认 100。</translation>
    </message>
    <message>
        <source>Classifier-free guidance weight, or several separated by commas (e.g. 0,1,2,4), one table each. Default 2.</source>
        <translation>无分类器引导权重，或以逗号分隔的多个权重（例如 0,1,2,4），每个权重输出一张表。默认 2。</translation>
    </message>
    <message>
        <source>Seed for the samples. Default 0.</source>
        <translation>样本的随机种子。默认 0。</translation>
    </message>
    <message>
        <source>Print the figures as JSON.</source>
        <translation>以 JSON 格式输出各项指标。</translation>
    </message>
    <message>
        <source>Is this model any good? Samples every class and reports, per class and overall: conditional accuracy (the share of samples a classifier trained on the real images assigns to the class asked for), diversity (mean pairwise distance of the samples divided by that of real images of the class; about 1 is as varied as the data) and memorisation (mean distance from a sample to its nearest training image divided by the mean distance between nearest training images; near 0 means copying).</source>
        <translation>这个模型好不好？对每个类别采样，并按类别和总体报告：条件准确率（在真实图像上训练的分类器把样本判为所要求类别的比例）、多样性（样本两两之间的平均距离除以该类别真实图像的相应值；约为 1 表示与数据一样多样）和记忆度（样本到其最近训练图像的平均距离除以训练图像与其最近邻之间的平均距离；接近 0 表示在复制）。</translation>
    </message>
    <message>
        <source>evaluate needs --checkpoint FILE.</source>
        <translation>evaluate 需要 --checkpoint FILE。</translation>
    </message>
    <message>
        <source>--guidance must be a number from 0 to 100, or several separated by commas (got &quot;%1&quot;).</source>
        <translation>--guidance 必须是 0 到 100 之间的数，或以逗号分隔的多个这样的数（实际为 &quot;%1&quot;）。</translation>
    </message>
    <message>
        <source>Stopped before the evaluation was complete.</source>
        <translation>评估完成之前已停止。</translation>
    </message>
    <message>
        <source>Model: %1 (%2), data set %3</source>
        <translation>模型：%1（%2），数据集 %3</translation>
    </message>
    <message>
        <source>Judge: %1</source>
        <translation>评判者：%1</translation>
    </message>
    <message>
        <source>Sampler: %1, %2 samples per class</source>
        <translation>采样器：%1，每个类别 %2 个样本</translation>
    </message>
    <message>
        <source>Guidance w = %1 (%2)</source>
        <translation>引导权重 w = %1（%2）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>diversity</source>
        <translation>多样性</translation>
    </message>
    <message>
        <source>memorisation</source>
        <translation>记忆度</translation>
    </message>
    <message>
        <source>Best conditional accuracy: %1% at guidance w = %2.</source>
        <translation>最佳条件准确率：%1%，对应引导权重 w = %2。</translation>
    </message>
    <message>
        <source>The data set the model learned, for files that do not say (PyTorch .pth). Default: the checkpoint&apos;s.</source>
        <translation>模型所学的数据集，用于未注明数据集的文件（PyTorch .pth）。默认：检查点所记录的数据集。</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>The model: a file, bundled:sprites or bundled:fashion.</source>
        <translation>模型：一个文件、bundled:sprites 或 bundled:fashion。</translation>
    </message>
    <message>
        <source>Timesteps from 0 to T (500), separated by commas; the model sees t/T. Default 0,250,500.</source>
        <translation>从 0 到 T（500）的时间步，以逗号分隔；模型看到的是 t/T。默认 0,250,500。</translation>
    </message>
    <message>
        <source>T1,T2,...</source>
        <translation>T1,T2,...</translation>
    </message>
    <message>
        <source>A context vector v1,v2,... of n_cfeat values, or &quot;none&quot; (zeros, the default).</source>
        <translation>由 n_cfeat 个值组成的上下文向量 v1,v2,...，或 &quot;none&quot;（全零，默认）。</translation>
    </message>
    <message>
        <source>Print one JSON object: t, temb1 and temb2 (one vector per t), cemb1 and cemb2.</source>
        <translation>输出一个 JSON 对象：t、temb1 和 temb2（每个 t 一个向量）、cemb1 和 cemb2。</translation>
    </message>
    <message>
        <source>Print how time and context enter the network: the outputs of timeembed1/2 (temb) for each t and of contextembed1/2 (cemb) for the context, which the up path uses as cemb1*up1 + temb1 and cemb2*up2 + temb2.</source>
        <translation>输出时间和上下文如何进入网络：timeembed1/2 对每个 t 的输出（temb）以及 contextembed1/2 对上下文的输出（cemb），上行路径以 cemb1*up1 + temb1 和 cemb2*up2 + temb2 的形式使用它们。</translation>
    </message>
    <message>
        <source>embeddings needs --checkpoint FILE.</source>
        <translation>embeddings 需要 --checkpoint FILE。</translation>
    </message>
    <message>
        <source>--t takes whole timesteps from 0 to %1, separated by commas (got &quot;%2&quot;).</source>
        <translation>--t 接受从 0 到 %1 的整数时间步，以逗号分隔（得到的是 &quot;%2&quot;）。</translation>
    </message>
    <message>
        <source>context %1: cemb1 (scales up0&apos;s output, %2 channels)</source>
        <translation>上下文 %1：cemb1（缩放 up0 的输出，%2 个通道）</translation>
    </message>
    <message>
        <source>cemb2 (scales up1&apos;s output, %1 channels)</source>
        <translation>cemb2（缩放 up1 的输出，%1 个通道）</translation>
    </message>
    <message>
        <source>t = %1 (the model sees %2): temb1, then temb2</source>
        <translation>t = %1（模型看到的是 %2）：先 temb1，后 temb2</translation>
    </message>
    <message>
        <source>FID</source>
        <translation>FID</translation>
    </message>
    <message>
        <source>Note: this model was trained with the %1 noise schedule; a .pth does not say so, and the course&apos;s code samples with the linear one.</source>
        <translation>注意：这个模型是用%1噪声调度训练的；.pth 文件不记录这一点，而课程的代码按线性调度采样。</translation>
    </message>
    <message>
        <source>ema (the average of the weights, when the checkpoint keeps one; the default) or raw (the weights as last trained).</source>
        <translation>ema（权重的平均，检查点保存了时使用；默认）或 raw（最后训练得到的权重）。</translation>
    </message>
    <message>
        <source>ema|raw</source>
        <translation>ema|raw</translation>
    </message>
    <message>
        <source>--weights must be ema or raw (got &quot;%1&quot;).</source>
        <translation>--weights 必须是 ema 或 raw（得到「%1」）。</translation>
    </message>
    <message>
        <source>Train for this many minutes instead of --steps/--epochs; the learning rate decays to zero over the time.</source>
        <translation>训练这么多分钟，代替 --steps/--epochs；学习率在这段时间内降到零。</translation>
    </message>
    <message>
        <source>Raise the learning rate linearly over the first N steps.</source>
        <translation>在最初 N 步内线性提高学习率。</translation>
    </message>
    <message>
        <source>mse (every timestep counts the same, as in the course) or min-snr (Min-SNR-γ weights: the nearly clean timesteps count less).</source>
        <translation>mse（每个时间步同等对待，与课程相同）或 min-snr（Min-SNR-γ 权重：几乎干净的时间步权重更小）。</translation>
    </message>
    <message>
        <source>γ of --loss min-snr. Default 5.</source>
        <translation>--loss min-snr 的 γ。默认 5。</translation>
    </message>
    <message>
        <source>Make x_t with noise + X·(another noise), as DDPM-IP does (for example 0.1). Default 0.</source>
        <translation>用噪声 + X·（另一份噪声）生成 x_t，与 DDPM-IP 相同（例如 0.1）。默认 0。</translation>
    </message>
    <message>
        <source>Keep an average of the weights whose half-life is X times the images seen so far (0 turns it off); sampling uses it.</source>
        <translation>保存权重的平均，其半衰期为目前已见图像数的 X 倍（0 表示关闭）；采样时使用它。</translation>
    </message>
    <message>
        <source>Noise schedule of a new model: linear (the course) or cosine (Nichol &amp; Dhariwal).</source>
        <translation>新模型的噪声调度：linear（课程）或 cosine（Nichol 和 Dhariwal）。</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Every N steps, sample each class (DPM-Solver++ 12 steps, guidance 2) and print how many the data set&apos;s classifier recognises.</source>
        <translation>每 N 步为每个类别采样（DPM-Solver++ 12 步，引导 2），并打印数据集的分类器能认出多少。</translation>
    </message>
    <message>
        <source>Samples of each class for --judge-every. Default 5.</source>
        <translation>--judge-every 每个类别的样本数。默认 5。</translation>
    </message>
    <message>
        <source>Give one of --steps, --epochs and --minutes, not several.</source>
        <translation>--steps、--epochs 和 --minutes 只能给一个。</translation>
    </message>
    <message>
        <source>--loss must be mse or min-snr (got &quot;%1&quot;).</source>
        <translation>--loss 必须是 mse 或 min-snr（得到「%1」）。</translation>
    </message>
    <message>
        <source>--schedule must be linear or cosine (got &quot;%1&quot;).</source>
        <translation>--schedule 必须是 linear 或 cosine（得到「%1」）。</translation>
    </message>
    <message>
        <source>--augment must be on or off (got &quot;%1&quot;).</source>
        <translation>--augment 必须是 on 或 off（得到「%1」）。</translation>
    </message>
    <message>
        <source>Say how long to train: --steps N, --epochs N or --minutes X.</source>
        <translation>请说明训练多久：--steps N、--epochs N 或 --minutes X。</translation>
    </message>
    <message>
        <source>quality at step %1: %2% of %3 samples recognised as their class (judged in %4 s)</source>
        <translation>第 %1 步的质量：%3 个样本中有 %2% 被认成了其类别（评判用时 %4 秒）</translation>
    </message>
    <message>
        <source>Width of the U-Net (a multiple of 8). Default 32 (the course uses 64, three times slower per step).</source>
        <translation>U-Net 的宽度（8 的倍数）。默认 32（课程用 64，每步慢三倍）。</translation>
    </message>
    <message>
        <source>Two different seeds A,B: the first frame is exactly what sample --seed A --n 1 draws, the last what --seed B draws.</source>
        <translation>两个不同的种子 A,B：第一帧正是 sample --seed A --n 1 抽出的图，最后一帧正是 --seed B 抽出的图。</translation>
    </message>
    <message>
        <source>A,B</source>
        <translation>A,B</translation>
    </message>
    <message>
        <source>Number of frames, 2 to 256, ends included. Default 8.</source>
        <translation>帧数，2 到 256，含两端。默认 8。</translation>
    </message>
    <message>
        <source>Two context vectors v1;v2 (n_cfeat values each, or &quot;none&quot;) to move between in a straight line while the noise moves.</source>
        <translation>两个上下文向量 v1;v2（各 n_cfeat 个值，或 &quot;none&quot;），在噪声移动的同时沿直线从一个走到另一个。</translation>
    </message>
    <message>
        <source>V1;V2</source>
        <translation>V1;V2</translation>
    </message>
    <message>
        <source>DDIM noise; only 0 is accepted here.</source>
        <translation>DDIM 噪声；这里只接受 0。</translation>
    </message>
    <message>
        <source>Class index or name for every frame.</source>
        <translation>每一帧的类别索引或名称。</translation>
    </message>
    <message>
        <source>A context vector v1,v2,... for every frame, or &quot;none&quot;.</source>
        <translation>每一帧的上下文向量 v1,v2,...，或 &quot;none&quot;。</translation>
    </message>
    <message>
        <source>PNG strip to write, one frame per column.</source>
        <translation>要写入的 PNG 长条，每帧一列。</translation>
    </message>
    <message>
        <source>Also write the frames as a .npy array (N, C, H, W), float32.</source>
        <translation>同时把各帧写成 .npy 数组 (N, C, H, W)，float32。</translation>
    </message>
    <message>
        <source>Also write the walk as an animated GIF, there and back.</source>
        <translation>同时把漫步写成动画 GIF，走过去再走回来。</translation>
    </message>
    <message>
        <source>Pixels per image pixel. Default 4.</source>
        <translation>每个图像像素放大成的像素数。默认 4。</translation>
    </message>
    <message>
        <source>Walk between the initial noises of two seeds (spherical interpolation) and, optionally, between two contexts, sampling one image per frame.</source>
        <translation>在两个种子的初始噪声之间漫步（球面插值），也可同时在两个上下文之间漫步，每帧采样一张图。</translation>
    </message>
    <message>
        <source>interpolate needs --checkpoint FILE.</source>
        <translation>interpolate 需要 --checkpoint FILE。</translation>
    </message>
    <message>
        <source>interpolate needs --out FILE.png.</source>
        <translation>interpolate 需要 --out FILE.png。</translation>
    </message>
    <message>
        <source>interpolate needs --seeds A,B.</source>
        <translation>interpolate 需要 --seeds A,B。</translation>
    </message>
    <message>
        <source>--seeds needs two whole numbers A,B (got &quot;%1&quot;).</source>
        <translation>--seeds 需要两个整数 A,B（得到 &quot;%1&quot;）。</translation>
    </message>
    <message>
        <source>--seeds needs two different seeds (both are %1).</source>
        <translation>--seeds 需要两个不同的种子（两个都是 %1）。</translation>
    </message>
    <message>
        <source>Give one of --class, --context and --contexts.</source>
        <translation>--class、--context 和 --contexts 只能给一个。</translation>
    </message>
    <message>
        <source>--contexts needs two context vectors separated by &apos;;&apos; (got %1).</source>
        <translation>--contexts 需要两个用 &apos;;&apos; 分隔的上下文向量（得到 %1 个）。</translation>
    </message>
    <message>
        <source>Wrote %1 frames to %2.</source>
        <translation>已把 %1 帧写入 %2。</translation>
    </message>
    <message>
        <source>Wrote the frames to %1.</source>
        <translation>已把各帧写入 %1。</translation>
    </message>
    <message>
        <source>Wrote the animation to %1.</source>
        <translation>已把动画写入 %1。</translation>
    </message>
    <message>
        <source>--%1 needs %2 comma-separated values for this model (got %3).</source>
        <translation>--%1 需要为此模型提供 %2 个逗号分隔的值（得到 %3 个）。</translation>
    </message>
    <message>
        <source>--%1 value &quot;%2&quot; is not a number.</source>
        <translation>--%1 的值 &quot;%2&quot; 不是数字。</translation>
    </message>
    <message>
        <source>--start-t needs --init IMAGE.</source>
        <translation>--start-t 需要 --init IMAGE。</translation>
    </message>
    <message>
        <source>--mask needs --init IMAGE to keep parts of.</source>
        <translation>--mask 需要 --init IMAGE，才有可保留的部分。</translation>
    </message>
    <message>
        <source>Cannot read the start image %1: %2.</source>
        <translation>无法读取起始图像 %1：%2。</translation>
    </message>
    <message>
        <source>The start image is %1×%2; resized to the model&apos;s %3×%3.</source>
        <translation>起始图像为 %1×%2；已缩放为模型的 %3×%3。</translation>
    </message>
    <message>
        <source>Cannot read the mask %1: %2.</source>
        <translation>无法读取蒙版 %1：%2。</translation>
    </message>
    <message>
        <source>The mask %1 is %2×%3; it must be as large as the start image (%4×%5) or the model (%6×%6) to be resized with it.</source>
        <translation>蒙版 %1 为 %2×%3；它必须与起始图像（%4×%5）或模型（%6×%6）一样大，才能随之缩放。</translation>
    </message>
    <message>
        <source>Start from this image (PNG, JPEG…) noised to --start-t instead of from pure noise (SDEdit); it is resized to the model&apos;s size when it differs.</source>
        <translation>从这张图像（PNG、JPEG…）加噪到 --start-t 后开始，而不是从纯噪声开始（SDEdit）；尺寸与模型不同时会缩放。</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGE</translation>
    </message>
    <message>
        <source>The timestep to noise --init to, 1 to T: small keeps the image, T keeps only its faintest trace. Default T.</source>
        <translation>把 --init 加噪到的时间步，1 到 T：小则保留图像，T 只留下最淡的痕迹。默认 T。</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Inpainting (needs --init): an image as large as --init or the model, white where the model repaints, black where --init is kept exactly.</source>
        <translation>图像修复（需要 --init）：与 --init 或模型一样大的图像，白色处由模型重画，黑色处精确保留 --init。</translation>
    </message>
    <message>
        <source>After layer %1 (%2x%3):</source>
        <translation>第 %1 层之后（%2x%3）：</translation>
    </message>
    <message>
        <source>Print a PyTorch script that builds this nn.ConvTranspose2d, applies it (the result is `out`) and checks it against conv2d on the zero-inserted input, instead of the output.</source>
        <translation>打印一段 PyTorch 脚本：构建这个 nn.ConvTranspose2d，应用它（结果为 `out`），并与在插零输入上的 conv2d 核对；不打印输出。</translation>
    </message>
    <message>
        <source>Instead: print how many kernel placements reach each output cell through a stack of --layers transposed convolutions of an all-ones --size input (the checkerboard).</source>
        <translation>改为打印：对全 1 的 --size 输入叠加 --layers 层转置卷积后，有多少次卷积核放置到达每个输出格（棋盘格）。</translation>
    </message>
    <message>
        <source>--overlap: input cells a side, 1 to 16. Default 4.</source>
        <translation>--overlap：输入每边的格数，1 到 16。默认 4。</translation>
    </message>
    <message>
        <source>--overlap: kernel cells a side, 1 to 7. Default 3.</source>
        <translation>--overlap：卷积核每边的格数，1 到 7。默认 3。</translation>
    </message>
    <message>
        <source>--overlap: layers in the stack, 1 to 3. Default 1.</source>
        <translation>--overlap：叠加的层数，1 到 3。默认 1。</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>Data set: emoji, fashion-mnist, idx:FOLDER, npy:IMAGES.npy[,LABELS.npy], npy:FOLDER (written by --export) or folder:FOLDER.</source>
        <translation>数据集：emoji、fashion-mnist、idx:FOLDER、npy:IMAGES.npy[,LABELS.npy]、npy:FOLDER（由 --export 写出）或 folder:FOLDER。</translation>
    </message>
    <message>
        <source>Write the data set to FOLDER in the course&apos;s layout, for PyTorch (tools/train_ddp.py): images.npy (N, H, W, C) uint8, labels.npy (N, classes) one-hot and classes.json.</source>
        <translation>按课程的格式把数据集写入 FOLDER，供 PyTorch（tools/train_ddp.py）使用：images.npy（N, H, W, C）uint8、labels.npy（N, 类别数）独热编码，以及 classes.json。</translation>
    </message>
    <message>
        <source>FOLDER</source>
        <translation>FOLDER</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n images to %1 (images.npy, labels.npy, classes.json).</source>
        <translation>
            <numerusform>已将 %n 张图像写入 %1（images.npy、labels.npy、classes.json）。</numerusform>
        </translation>
    </message>
    <message>
        <source>on or off: random horizontal flips and one-pixel shifts of the training images. Default: off (on the emoji sprites they cost accuracy).</source>
        <translation>on 或 off：对训练图像随机水平翻转和一像素平移。默认：off（在表情符号精灵图上会降低准确率）。</translation>
    </message>
    <message>
        <source>Train this share of the samples without their class, so that the model also learns the unconditional prediction that guidance needs. Default 0.1.</source>
        <translation>按此比例让样本不带类别参与训练，使模型同时学会引导所需的无条件预测。默认 0.1。</translation>
    </message>
    <message>
        <source>ddim, dpm-solver++, unipc or ddpm. Default ddim.</source>
        <translation>ddim、dpm-solver++、unipc 或 ddpm。默认 ddim。</translation>
    </message>
    <message>
        <source>ddim (with eta 0), dpm-solver++ or unipc: a walk needs a sampler that adds no noise. Default ddim.</source>
        <translation>ddim（eta 为 0）、dpm-solver++ 或 unipc：漫步需要不额外加噪声的采样器。默认 ddim。</translation>
    </message>
    <message>
        <source>interpolate needs a sampler that adds no noise: --sampler ddim (eta 0), dpm-solver++ or unipc.</source>
        <translation>interpolate 需要不额外加噪声的采样器：--sampler ddim（eta 为 0）、dpm-solver++ 或 unipc。</translation>
    </message>
    <message>
        <source>--sampler must be ddpm, ddim, dpm-solver++ or unipc (got &quot;%1&quot;).</source>
        <translation>--sampler 必须是 ddpm、ddim、dpm-solver++ 或 unipc（得到的是“%1”）。</translation>
    </message>
    <message>
        <source>--steps is for DDIM, DPM-Solver++ and UniPC; DDPM always takes every timestep.</source>
        <translation>--steps 用于 DDIM、DPM-Solver++ 和 UniPC；DDPM 总是走完每个时间步。</translation>
    </message>
    <message>
        <source>ddpm (all timesteps), ddim (few steps), dpm-solver++ (fewest steps) or unipc (fewest steps, each corrected). Default ddim.</source>
        <translation>ddpm（全部时间步）、ddim（少量步数）、dpm-solver++（最少步数）或 unipc（最少步数，每步校正）。默认 ddim。</translation>
    </message>
    <message>
        <source>Steps of DDIM, DPM-Solver++ or UniPC. Default 50.</source>
        <translation>DDIM、DPM-Solver++ 或 UniPC 的步数。默认 50。</translation>
    </message>
    <message>
        <source>Steps of DDIM, DPM-Solver++ or UniPC. Default 25.</source>
        <translation>DDIM、DPM-Solver++ 或 UniPC 的步数。默认 25。</translation>
    </message>
    <message>
        <source>ContextUnet(3, %1, 5, 16), %2 thread(s); forward pass %3 GFLOP per sample
training step, batch 100:        %4 s
DDPM step, batch 32:             %5 s  (%6 GFLOP/s, %7% of the convolution speed)
DDPM step, batch 1:              %8 s
DDIM preview, 16 samples x 25:   %9 s
3x3 convolution 64-&gt;64:          %10 GFLOP/s
DPM-Solver++ preview, 16 x 12:   %11 s
sampling precision:              %12</source>
        <translation>ContextUnet(3, %1, 5, 16)，%2 个线程；每个样本前向计算 %3 GFLOP
训练步，批量 100：               %4 秒
DDPM 单步，批量 32：             %5 秒  （%6 GFLOP/s，为卷积速度的 %7%）
DDPM 单步，批量 1：              %8 秒
DDIM 预览，16 个样本 x 25 步：   %9 秒
3x3 卷积 64-&gt;64：               %10 GFLOP/s
DPM-Solver++ 预览，16 x 12：     %11 秒
采样精度：                       %12</translation>
    </message>
    <message>
        <source>Sampling precision: %1</source>
        <translation>采样精度：%1</translation>
    </message>
    <message>
        <source>Number format of the sampling pass&apos;s 3x3 convolutions: bfloat16 (faster; the default where the CPU multiplies it natively, float32 elsewhere) or float32 (exact to about 1e-6). Default: the setting.</source>
        <translation>采样计算中 3x3 卷积的数值格式：bfloat16（更快；在原生支持它的 CPU 上为默认，其他 CPU 上为 float32）或 float32（精确到约 1e-6）。默认：设置中的值。</translation>
    </message>
    <message>
        <source>float32|bfloat16</source>
        <translation>float32|bfloat16</translation>
    </message>
    <message>
        <source>--precision must be float32 or bfloat16 (got &quot;%1&quot;)</source>
        <translation>--precision 必须是 float32 或 bfloat16（收到“%1”）</translation>
    </message>
    <message>
        <source>Usage: diffusion-explorer-cli COMMAND [options]
Train, sample and inspect diffusion models without a window.

Commands:
  train    train a ContextUnet on a data set and write a checkpoint
  sample   draw samples from a checkpoint with DDPM or DDIM into a PNG grid
  interpolate  walk between the noises of two seeds (and two contexts) as a strip
  info     describe a checkpoint or a PyTorch .pth file
  dataset  load a data set, count its classes, and draw examples of each
  tconv    compute a transposed convolution by hand, step by step
  export   write a checkpoint&apos;s state_dict as a PyTorch .pth file
  convert  convert between checkpoints and PyTorch .pth files
  bench    time training and sampling, and the machine&apos;s convolution speed
  train-classifier  train the classifier that judges a data set&apos;s samples
  evaluate  judge a model: conditional accuracy, diversity and memorisation
  embeddings  how time and context enter the network: temb and cemb vectors

A checkpoint can be a file or a bundled model: bundled:sprites, bundled:fashion.

Run &apos;diffusion-explorer-cli COMMAND --help&apos; for the options of a command.

Exit statuses:
  0    success
  1    the work failed midway (a file could not be written, the loss became NaN)
  2    bad usage or input: an unknown option, a value out of range, a missing, unreadable or
       damaged file (checkpoint, data set, image, mask)
  130  interrupted by Ctrl+C or SIGTERM; training saves its checkpoint first

Environment:
  DE_LANG  the language of messages (en, zh_CN); the default follows the system
  OMP_NUM_THREADS  ignored: --threads, or the window&apos;s setting, sets the thread count

Files:
  ~/.config/DiffusionExplorer/diffusion-explorer.conf  settings shared with the window (threads,
       sampling precision, language)
  ~/.cache/DiffusionExplorer/diffusion-explorer/  the emoji sprites, rendered once from the
       Noto Color Emoji font
  MODEL.json  beside a PyTorch MODEL.pth: class names, data set and schedule written by
       tools/train_ddp.py, read by info, sample, evaluate and the window

Examples:
  diffusion-explorer-cli train --dataset emoji --steps 2000 --out sprites.ckpt
  diffusion-explorer-cli sample --checkpoint sprites.ckpt --sampler ddim --steps 25 --out grid.png
  diffusion-explorer-cli evaluate --checkpoint bundled:fashion --n-per-class 50
  diffusion-explorer-cli dataset --dataset emoji --export sprites-npy
  diffusion-explorer-cli export sprites.ckpt sprites.pth
</source>
        <translation>用法：diffusion-explorer-cli 命令 [选项]
无需窗口即可训练、采样和检查扩散模型。

命令：
  train    在数据集上训练 ContextUnet 并写出检查点
  sample   用 DDPM 或 DDIM 从检查点采样，写成 PNG 网格
  interpolate  在两个种子（以及两个上下文）的噪声之间行走，生成一条图带
  info     描述检查点或 PyTorch .pth 文件
  dataset  加载数据集，统计各类别数量，并为每类画出示例
  tconv    一步一步手算转置卷积
  export   把检查点的 state_dict 写成 PyTorch .pth 文件
  convert  在检查点与 PyTorch .pth 文件之间转换
  bench    测量训练和采样的耗时，以及本机的卷积速度
  train-classifier  训练用于评判某数据集样本的分类器
  evaluate  评判模型：条件准确率、多样性和记忆程度
  embeddings  时间和上下文如何进入网络：temb 与 cemb 向量

检查点可以是文件，也可以是内置模型：bundled:sprites、bundled:fashion。

运行 &apos;diffusion-explorer-cli 命令 --help&apos; 查看某个命令的选项。

退出状态：
  0    成功
  1    工作中途失败（文件无法写入、损失变为 NaN）
  2    用法或输入有误：未知选项、取值超出范围，或文件缺失、不可读、已损坏
       （检查点、数据集、图像、掩码）
  130  被 Ctrl+C 或 SIGTERM 中断；训练会先保存检查点

环境变量：
  DE_LANG  消息的语言（en、zh_CN）；默认跟随系统
  OMP_NUM_THREADS  不起作用：线程数由 --threads 或窗口中的设置决定

文件：
  ~/.config/DiffusionExplorer/diffusion-explorer.conf  与窗口共用的设置（线程数、采样精度、语言）
  ~/.cache/DiffusionExplorer/diffusion-explorer/  表情符号精灵图，从 Noto Color Emoji
       字体渲染一次后缓存于此
  MODEL.json  位于 PyTorch 的 MODEL.pth 旁：由 tools/train_ddp.py 写入的类别名、数据集和
       噪声调度，info、sample、evaluate 和窗口都会读取

示例：
  diffusion-explorer-cli train --dataset emoji --steps 2000 --out sprites.ckpt
  diffusion-explorer-cli sample --checkpoint sprites.ckpt --sampler ddim --steps 25 --out grid.png
  diffusion-explorer-cli evaluate --checkpoint bundled:fashion --n-per-class 50
  diffusion-explorer-cli dataset --dataset emoji --export sprites-npy
  diffusion-explorer-cli export sprites.ckpt sprites.pth
</translation>
    </message>
</context>
<context>
    <name>Conversion</name>
    <message>
        <source>%1 is already a Diffusion Explorer checkpoint; to make a PyTorch file, give the output a .pth suffix</source>
        <translation>%1 已经是 Diffusion Explorer 检查点；要生成 PyTorch 文件，请为输出文件使用 .pth 后缀</translation>
    </message>
    <message>
        <source>Write the half-precision copy of %1 to another file: it would replace its own source</source>
        <translation>请把 %1 的半精度副本写到另一个文件：否则会覆盖它自己的源文件</translation>
    </message>
    <message>
        <source>Half precision changes the output of %1 by %2, more than the allowed %3; keep it in float32</source>
        <translation>半精度使 %1 的输出改变了 %2，超过了允许的 %3；请保持 float32</translation>
    </message>
</context>
<context>
    <name>DatasetCatalog</name>
    <message>
        <source>Unknown data set &quot;%1&quot;: use emoji, fashion-mnist, idx:FOLDER, npy:IMAGES.npy[,LABELS.npy], npy:FOLDER or folder:FOLDER</source>
        <translation>未知数据集“%1”：请使用 emoji、fashion-mnist、idx:FOLDER、npy:IMAGES.npy[,LABELS.npy]、npy:FOLDER 或 folder:FOLDER</translation>
    </message>
</context>
<context>
    <name>DatasetExport</name>
    <message>
        <source>%1 is a file, not a folder</source>
        <translation>%1 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
</context>
<context>
    <name>DiffusionWorker</name>
    <message>
        <source>No output checkpoint was given</source>
        <translation>未指定输出检查点</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 4096 (got %1)</source>
        <translation>批大小必须在 1 到 4096 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>The learning rate must be between 0 and 1 (got %1)</source>
        <translation>学习率必须在 0 到 1 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>Loading the data set %1…</source>
        <translation>正在加载数据集 %1…</translation>
    </message>
    <message>
        <source>The images of %1 are %2x%3; ContextUnet needs square images whose side is a multiple of 4</source>
        <translation>%1 的图像为 %2x%3；ContextUnet 需要边长为 4 的倍数的正方形图像</translation>
    </message>
    <message>
        <source>%1 holds %2, which does not fit the data set %3</source>
        <translation>%1 中保存的是 %2，与数据集 %3 不匹配</translation>
    </message>
    <message>
        <source>%1 has already taken %2 steps; ask for more than that</source>
        <translation>%1 已经训练了 %2 步；请指定比这更多的步数</translation>
    </message>
    <message>
        <source>Training %1 on %2…</source>
        <translation>正在 %2 上训练 %1…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>The number of samples must be between 1 and 1024 (got %1)</source>
        <translation>样本数量必须在 1 到 1024 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>eta must be between 0 and 1 (got %1)</source>
        <translation>eta 必须在 0 到 1 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>The guidance weight must be between 0 and 100 (got %1)</source>
        <translation>引导权重必须在 0 到 100 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>The context has %1 values; this model needs %2 per sample</source>
        <translation>上下文有 %1 个值；此模型每个样本需要 %2 个</translation>
    </message>
    <message>
        <source>The context holds a value that is not a finite number</source>
        <translation>上下文中含有非有限数值</translation>
    </message>
    <message>
        <source>No file to write the classifier to</source>
        <translation>未指定分类器的写入文件</translation>
    </message>
    <message>
        <source>Impossible classifier settings: epochs %1, batch %2, learning rate %3, held-out share %4</source>
        <translation>分类器设置不合理：轮数 %1，批大小 %2，学习率 %3，留出比例 %4</translation>
    </message>
    <message>
        <source>Loading the classifier %1…</source>
        <translation>正在加载分类器 %1…</translation>
    </message>
    <message>
        <source>%1 does not say which data set it learned, so there are no real images to compare with; name it (--dataset on the command line, Data set on the Evaluate page)</source>
        <translation>%1 未注明它学习的数据集，因此没有可供比较的真实图像；请指定数据集（命令行用 --dataset，评估页用“数据集”）</translation>
    </message>
    <message>
        <source>The number of steps must be between 1 and 500 (got %1)</source>
        <translation>步数必须在 1 到 500 之间（得到的是 %1）</translation>
    </message>
    <message>
        <source>Give a positive number of steps or epochs, or a time budget</source>
        <translation>请给出正数的步数或轮数，或者时间预算</translation>
    </message>
    <message>
        <source>The starting timestep must be between 1 and %1 (got %2)</source>
        <translation>起始时间步必须在 1 到 %1 之间（得到 %2）</translation>
    </message>
    <message>
        <source>The %1 is %2 image(s) of %3×%4×%5; this model needs %6×%7×%7</source>
        <translation>%1 为 %2 张 %3×%4×%5 的图像；此模型需要 %6×%7×%7</translation>
    </message>
    <message>
        <source>The %1 holds a value that is not a finite number</source>
        <translation>%1 中有一个不是有限数的值</translation>
    </message>
    <message>
        <source>start image</source>
        <translation>起始图像</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <source>starting x</source>
        <translation>起始 x</translation>
    </message>
    <message>
        <source>A mask needs a start image to keep parts of</source>
        <translation>蒙版需要一张起始图像，才有可保留的部分</translation>
    </message>
    <message>
        <source>A walk between noises needs 2 to 256 frames (got %1)</source>
        <translation>在噪声之间漫步需要 2 到 256 帧（得到 %1）</translation>
    </message>
    <message>
        <source>A walk between noises needs two different seeds (both are %1)</source>
        <translation>在噪声之间漫步需要两个不同的种子（两个都是 %1）</translation>
    </message>
    <message>
        <source>A walk between noises needs a deterministic sampler: DDIM with eta 0 or DPM-Solver++</source>
        <translation>在噪声之间漫步需要确定性的采样器：eta 为 0 的 DDIM 或 DPM-Solver++</translation>
    </message>
    <message>
        <source>Walking between noises: frame %1 of %2…</source>
        <translation>在噪声之间漫步：第 %1 帧，共 %2 帧…</translation>
    </message>
    <message>
        <source>The last checkpoint, of step %1, is kept in %2.</source>
        <translation>最后一个检查点（第 %1 步）保留在 %2 中。</translation>
    </message>
    <message>
        <source>This run wrote no checkpoint; a file at %1 was left as it was.</source>
        <translation>本次运行没有写入检查点；%1 处的文件保持原样。</translation>
    </message>
    <message>
        <source>The recipe is out of range: time budget %1 min, warm-up %2 steps, Min-SNR γ %3 (0 to 1000), input perturbation %4 (0 to 1), average half-life %5 (0 to 1), context dropout %6 (0 to 1)</source>
        <translation>配方超出范围：时间预算 %1 分钟，预热 %2 步，Min-SNR γ %3（0 到 1000），输入扰动 %4（0 到 1），平均半衰期 %5（0 到 1），上下文丢弃 %6（0 到 1）</translation>
    </message>
</context>
<context>
    <name>Embeddings</name>
    <message>
        <source>The timestep %1 is outside 0..%2</source>
        <translation>时间步 %1 不在 0..%2 范围内</translation>
    </message>
    <message>
        <source>The context has %1 values; %2 needs %3</source>
        <translation>上下文有 %1 个值；%2 需要 %3 个</translation>
    </message>
    <message>
        <source>The image (%1×%2×%3) does not fit %4</source>
        <translation>该图像（%1×%2×%3）与 %4 不匹配</translation>
    </message>
</context>
<context>
    <name>EmojiSprites</name>
    <message>
        <source>Cannot read the emoji list %1: %2 (install the unicode-data package)</source>
        <translation>无法读取表情符号列表 %1：%2（请安装 unicode-data 软件包）</translation>
    </message>
    <message>
        <source>%1 line %2 is not an emoji-test entry</source>
        <translation>%1 第 %2 行不是 emoji-test 条目</translation>
    </message>
    <message>
        <source>%1 line %2 has a bad code point %3</source>
        <translation>%1 第 %2 行含有无效码位 %3</translation>
    </message>
    <message>
        <source>%1 lists no fully-qualified emoji</source>
        <translation>%1 中没有列出任何完全限定（fully-qualified）的表情符号</translation>
    </message>
    <message>
        <source>Cannot load the emoji font %1 (install the fonts-noto-color-emoji package)</source>
        <translation>无法加载表情符号字体 %1（请安装 fonts-noto-color-emoji 软件包）</translation>
    </message>
    <message>
        <source>The sprite size must be between 4 and 128 pixels (got %1)</source>
        <translation>精灵图尺寸必须在 4 到 128 像素之间（实际为 %1）</translation>
    </message>
    <message>
        <source>Rendering emoji needs a QGuiApplication</source>
        <translation>渲染表情符号需要 QGuiApplication</translation>
    </message>
    <message>
        <source>No emoji could be rendered with %1</source>
        <translation>无法用 %1 渲染任何表情符号</translation>
    </message>
</context>
<context>
    <name>Evaluation</name>
    <message>
        <source>No classifier knows the data set &quot;%1&quot; of %2. Train one with &quot;diffusion-explorer-cli train-classifier --dataset %1 --out %3&quot; and it is found beside the checkpoint (or pass it with --classifier)</source>
        <translation>没有分类器认识 %2 的数据集 &quot;%1&quot;。请用 &quot;diffusion-explorer-cli train-classifier --dataset %1 --out %3&quot; 训练一个，放在检查点旁边即可被找到（或用 --classifier 指定）</translation>
    </message>
    <message>
        <source>The classifier judges %1×%2×%3 images in %4 classes, but the model makes %5×%6×%6 images in %7</source>
        <translation>分类器评判的是 %4 个类别的 %1×%2×%3 图像，但模型生成的是 %7 个类别的 %5×%6×%6 图像</translation>
    </message>
    <message>
        <source>The data set %1 does not match the model&apos;s images</source>
        <translation>数据集 %1 与模型的图像不匹配</translation>
    </message>
    <message>
        <source>Samples per class must be from 2 to 10000 (got %1)</source>
        <translation>每个类别的样本数必须在 2 到 10000 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>No guidance weight to evaluate</source>
        <translation>没有要评估的引导权重</translation>
    </message>
    <message>
        <source>DDIM, %1 steps</source>
        <translation>DDIM，%1 步</translation>
    </message>
    <message>
        <source>DDPM, every timestep</source>
        <translation>DDPM，全部时间步</translation>
    </message>
    <message>
        <source>Measuring the real images…</source>
        <translation>正在测量真实图像…</translation>
    </message>
    <message>
        <source>Sampling with guidance %1: batch %2 of %3…</source>
        <translation>正在以引导权重 %1 采样：第 %2 批，共 %3 批…</translation>
    </message>
    <message>
        <source>Judging the samples with guidance %1…</source>
        <translation>正在评判引导权重 %1 下的样本…</translation>
    </message>
    <message>
        <source>The classifier knows the classes %1 but the data set %2 has %3: it cannot judge this model</source>
        <translation>分类器认识的类别是 %1，但数据集 %2 的类别是 %3：它无法评判这个模型</translation>
    </message>
    <message>
        <source>DPM-Solver++(2M), %1 steps</source>
        <translation>DPM-Solver++(2M)，%1 步</translation>
    </message>
    <message>
        <source>UniPC, %1 steps</source>
        <translation>UniPC，%1 步</translation>
    </message>
</context>
<context>
    <name>ExtraDatasets</name>
    <message>
        <source>%1 should hold images of shape (N, H, W, C) or (N, H, W), but its shape has %2 dimensions</source>
        <translation>%1 应包含形状为 (N, H, W, C) 或 (N, H, W) 的图像，但其形状有 %2 个维度</translation>
    </message>
    <message>
        <source>%1 has %2 channels per pixel; 1 (grey) or 3 (RGB) are supported</source>
        <translation>%1 的每个像素有 %2 个通道；仅支持 1 个（灰度）或 3 个（RGB）通道</translation>
    </message>
    <message>
        <source>%1 has %2 images but %3 has %4 labels</source>
        <translation>%1 有 %2 张图像，但 %3 有 %4 个标签</translation>
    </message>
    <message>
        <source>%1 holds label %2, which is not a class index</source>
        <translation>%1 含有标签 %2，它不是有效的类别索引</translation>
    </message>
    <message>
        <source>%1 should hold labels of shape (N, K) one-hot or (N) indices</source>
        <translation>%1 应包含形状为 (N, K) 的 one-hot 标签或形状为 (N) 的索引标签</translation>
    </message>
    <message>
        <source>Image folder not found: %1</source>
        <translation>找不到图像文件夹：%1</translation>
    </message>
    <message>
        <source>The image size must be a multiple of 4 from 4 to 256 (got %1)</source>
        <translation>图像尺寸必须是 4 到 256 之间的 4 的倍数（实际为 %1）</translation>
    </message>
    <message>
        <source>%1 has no subfolders: put the images of each class in a subfolder named after the class</source>
        <translation>%1 中没有子文件夹：请将每个类别的图像放入以该类别命名的子文件夹中</translation>
    </message>
    <message>
        <source>No readable images in the subfolders of %1 (%2 files could not be read)</source>
        <translation>%1 的子文件夹中没有可读取的图像（有 %2 个文件无法读取）</translation>
    </message>
    <message>
        <source>%1 names %2 classes but the labels have %3</source>
        <translation>%1 列出了 %2 个类别，但标签有 %3 个类别</translation>
    </message>
</context>
<context>
    <name>GifWriter</name>
    <message>
        <source>There are no frames to write</source>
        <translation>没有可写入的帧</translation>
    </message>
    <message>
        <source>All frames of an animation must have the same size</source>
        <translation>动画的所有帧必须尺寸相同</translation>
    </message>
    <message>
        <source>The frames are too large for a GIF</source>
        <translation>帧尺寸过大，无法写入 GIF</translation>
    </message>
    <message>
        <source>Could not start the GIF encoder: %1</source>
        <translation>无法启动 GIF 编码器：%1</translation>
    </message>
    <message>
        <source>The GIF encoder failed: %1</source>
        <translation>GIF 编码器出错：%1</translation>
    </message>
</context>
<context>
    <name>Grid</name>
    <message>
        <source>Row %1 has %2 values but row 1 has %3</source>
        <translation>第 %1 行有 %2 个值，但第 1 行有 %3 个</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in row %2 is not a number</source>
        <translation>第 %2 行中的 &quot;%1&quot; 不是数</translation>
    </message>
    <message>
        <source>The matrix is empty</source>
        <translation>矩阵为空</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Run, watch and take apart diffusion models and transpose convolution.</source>
        <translation>运行、观察并拆解扩散模型与转置卷积。</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE and quit (for documentation).</source>
        <translation>将窗口截图保存到 FILE 后退出（用于文档）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>A checkpoint or a PyTorch .pth state_dict to open.</source>
        <translation>要打开的检查点或 PyTorch .pth state_dict。</translation>
    </message>
    <message>
        <source>[FILE]</source>
        <translation>[文件]</translation>
    </message>
    <message>
        <source>Print the time from launch to the first painted window, and quit.</source>
        <translation>打印从启动到窗口首次绘制所用的时间，然后退出。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Start in presentation mode (full screen, large text; Esc leaves).</source>
        <translation>以演示模式启动（全屏、大字号；按 Esc 退出）。</translation>
    </message>
    <message>
        <source>There is no page %1; pages are 1 to %2.</source>
        <translation>没有第 %1 页；页码范围是 1 到 %2。</translation>
    </message>
    <message>
        <source>There is no lesson %1.</source>
        <translation>没有名为 %1 的课程。</translation>
    </message>
    <message>
        <source>Start the lesson NAME (a file name in Help ▸ Lessons, without .json), at step STEP if given.</source>
        <translation>开始课程 NAME（帮助 ▸ 课程中的文件名，不含 .json），给出 STEP 时从该步骤开始。</translation>
    </message>
    <message>
        <source>NAME[:STEP]</source>
        <translation>NAME[:STEP]</translation>
    </message>
    <message>
        <source>Open on page N (1 to 8: transpose convolution, forward diffusion, denoising, training, model, evaluate, embeddings, play).</source>
        <translation>打开第 N 页（1 到 8：转置卷积、前向扩散、去噪、训练、模型、评估、嵌入、试玩）。</translation>
    </message>
    <message>
        <source>Exit statuses:
  0  the window was closed, or --screenshot saved its picture
  1  an unknown option, or --screenshot could not save its picture
  2  --page or --lesson names a page or lesson that does not exist

Files:
  ~/.config/DiffusionExplorer/diffusion-explorer.conf  settings: language, threads, zoom,
       the page and size of the window, the last model
  ~/.cache/DiffusionExplorer/diffusion-explorer/  the emoji sprites, rendered once from the
       Noto Color Emoji font
  MODEL.json  beside a PyTorch MODEL.pth: its class names, data set and schedule, written by
       tools/train_ddp.py

Examples:
  diffusion-explorer sprites.ckpt
  diffusion-explorer --presentation --page 3
  diffusion-explorer --lesson 04-sampling:2</source>
        <translation>退出状态：
  0  窗口已关闭，或 --screenshot 已保存截图
  1  未知选项，或 --screenshot 无法保存截图
  2  --page 或 --lesson 指定的页面或课程不存在

文件：
  ~/.config/DiffusionExplorer/diffusion-explorer.conf  设置：语言、线程数、缩放、
       窗口的页面和大小、上次打开的模型
  ~/.cache/DiffusionExplorer/diffusion-explorer/  表情符号精灵图，从 Noto Color Emoji
       字体渲染一次后缓存于此
  MODEL.json  位于 PyTorch 的 MODEL.pth 旁：由 tools/train_ddp.py 写入的类别名、数据集和
       噪声调度

示例：
  diffusion-explorer sprites.ckpt
  diffusion-explorer --presentation --page 3
  diffusion-explorer --lesson 04-sampling:2</translation>
    </message>
</context>
<context>
    <name>IdxReader</name>
    <message>
        <source>Could not start the gzip decoder for %1</source>
        <translation>无法为 %1 启动 gzip 解码器</translation>
    </message>
    <message>
        <source>%1 is not a valid gzip file (%2)</source>
        <translation>%1 不是有效的 gzip 文件（%2）</translation>
    </message>
    <message>
        <source>%1 is truncated: the gzip stream ends early</source>
        <translation>%1 已被截断：gzip 数据流提前结束</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too short to be an IDX file (%2 bytes)</source>
        <translation>%1 太短，不可能是 IDX 文件（%2 字节）</translation>
    </message>
    <message>
        <source>%1 has a wrong magic number 0x%2: not an IDX file</source>
        <translation>%1 的魔数 0x%2 不正确：不是 IDX 文件</translation>
    </message>
    <message>
        <source>%1 holds IDX type 0x%2; only unsigned bytes (0x08) are supported</source>
        <translation>%1 的 IDX 类型为 0x%2；仅支持无符号字节 (0x08)</translation>
    </message>
    <message>
        <source>%1 is truncated inside its header</source>
        <translation>%1 在文件头中途被截断</translation>
    </message>
    <message>
        <source>%1 has an impossible dimension %2 = %3</source>
        <translation>%1 含有不合理的维度：%2 = %3</translation>
    </message>
    <message>
        <source>%1 declares more data than this program will read</source>
        <translation>%1 声明的数据量超出了本程序可读取的上限</translation>
    </message>
    <message>
        <source>%1 is truncated: the header promises %2 bytes of data but only %3 follow</source>
        <translation>%1 已被截断：文件头声明有 %2 字节数据，但其后只有 %3 字节</translation>
    </message>
    <message>
        <source>%1 should hold images (3 dimensions: count, rows, columns) but has %2</source>
        <translation>%1 应包含图像（3 个维度：数量、行、列），但实际有 %2 个维度</translation>
    </message>
    <message>
        <source>%1 should hold labels (1 dimension) but has %2</source>
        <translation>%1 应包含标签（1 个维度），但实际有 %2 个维度</translation>
    </message>
    <message>
        <source>%1 has %2 images but %3 has %4 labels</source>
        <translation>%1 有 %2 张图像，但 %3 有 %4 个标签</translation>
    </message>
    <message>
        <source>%1 has label %2 but only %3 classes are named</source>
        <translation>%1 含有标签 %2，但只有 %3 个类别有名称</translation>
    </message>
    <message>
        <source>Data folder not found: %1</source>
        <translation>找不到数据文件夹：%1</translation>
    </message>
    <message>
        <source>No IDX pair in %1: expected train-images-idx3-ubyte and train-labels-idx1-ubyte (optionally .gz), or the t10k pair</source>
        <translation>%1 中没有 IDX 文件对：应为 train-images-idx3-ubyte 和 train-labels-idx1-ubyte（可带 .gz 后缀），或 t10k 文件对</translation>
    </message>
    <message>
        <source>No Fashion-MNIST test set in %1: expected t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz); install the package dataset-fashion-mnist</source>
        <translation>%1 中没有 Fashion-MNIST 测试集：应为 t10k-images-idx3-ubyte 和 t10k-labels-idx1-ubyte（可带 .gz 后缀）；请安装 dataset-fashion-mnist 软件包</translation>
    </message>
</context>
<context>
    <name>ImageSet</name>
    <message>
        <source>%1: %2 images of %3x%4x%5, %6 classes</source>
        <translation>%1：%2 张 %3x%4x%5 的图像，%6 个类别</translation>
    </message>
</context>
<context>
    <name>LayerSlice</name>
    <message>
        <source>%1 has no transposed convolution (up0, up1 and up2 have)</source>
        <translation>%1 没有转置卷积（up0、up1 和 up2 才有）</translation>
    </message>
</context>
<context>
    <name>ModelConfig</name>
    <message>
        <source>in_channels must be between 1 and 4 (got %1)</source>
        <translation>in_channels 必须在 1 到 4 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>n_feat must be a multiple of 8 between 8 and 512, because GroupNorm uses 8 groups (got %1)</source>
        <translation>n_feat 必须是 8 到 512 之间的 8 的倍数，因为 GroupNorm 使用 8 个分组（实际为 %1）</translation>
    </message>
    <message>
        <source>n_cfeat must be between 1 and 1000 (got %1)</source>
        <translation>n_cfeat 必须在 1 到 1000 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>height must be a multiple of 4 between 16 and 256, because the U-Net halves it twice and then averages 4×4 blocks (got %1)</source>
        <translation>height 必须是 16 到 256 之间的 4 的倍数，因为 U-Net 会将其减半两次，然后对 4×4 的块取平均（实际为 %1）</translation>
    </message>
</context>
<context>
    <name>ModelFile</name>
    <message>
        <source>%1 is a zip archive, but neither a Diffusion Explorer checkpoint nor a PyTorch .pth file (it has no data.pkl)</source>
        <translation>%1 是 zip 归档，但既不是 Diffusion Explorer 检查点，也不是 PyTorch .pth 文件（其中没有 data.pkl）</translation>
    </message>
    <message>
        <source>%1 is in PyTorch&apos;s legacy file format (written before PyTorch 1.6, or with _use_new_zipfile_serialization=False), which this program does not read. Re-save it with a current PyTorch: torch.save(torch.load(&quot;%1&quot;), &quot;new.pth&quot;)</source>
        <translation>%1 采用 PyTorch 的旧格式（由 PyTorch 1.6 之前的版本写入，或写入时使用了 _use_new_zipfile_serialization=False），本程序无法读取。请用当前版本的 PyTorch 重新保存：torch.save(torch.load(&quot;%1&quot;), &quot;new.pth&quot;)</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 为空</translation>
    </message>
    <message>
        <source>%1 is neither a Diffusion Explorer checkpoint nor a PyTorch .pth file (it does not begin like a zip archive)</source>
        <translation>%1 既不是 Diffusion Explorer 检查点，也不是 PyTorch .pth 文件（其开头不像 zip 归档）</translation>
    </message>
    <message>
        <source>Checkpoint not found: %1</source>
        <translation>找不到检查点：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>NpyReader</name>
    <message>
        <source>%1 is not a NumPy .npy file (wrong magic)</source>
        <translation>%1 不是 NumPy .npy 文件（魔数不正确）</translation>
    </message>
    <message>
        <source>%1 uses .npy format version %2, which this program does not read</source>
        <translation>%1 使用 .npy 格式版本 %2，本程序无法读取该版本</translation>
    </message>
    <message>
        <source>%1 is truncated inside its header</source>
        <translation>%1 在文件头中途被截断</translation>
    </message>
    <message>
        <source>%1 has a header this program cannot read: %2</source>
        <translation>%1 的文件头无法被本程序读取：%2</translation>
    </message>
    <message>
        <source>%1 holds dtype %2; supported are u1, f4, f8 and i8</source>
        <translation>%1 的数据类型（dtype）为 %2；仅支持 u1、f4、f8 和 i8</translation>
    </message>
    <message>
        <source>%1 has an impossible shape (%2)</source>
        <translation>%1 的形状不合理（%2）</translation>
    </message>
    <message>
        <source>%1 declares more data than this program will read</source>
        <translation>%1 声明的数据量超出了本程序可读取的上限</translation>
    </message>
    <message>
        <source>%1 is truncated: its shape needs %2 bytes of data but only %3 follow</source>
        <translation>%1 已被截断：其形状需要 %2 字节数据，但其后只有 %3 字节</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>NpyWriter</name>
    <message>
        <source>The array has %1 values but its shape %2 needs %3</source>
        <translation>数组有 %1 个值，但其形状 %2 需要 %3 个</translation>
    </message>
</context>
<context>
    <name>Pickle</name>
    <message numerus="yes">
        <source>the pickle ends with %n value(s) left on its stack</source>
        <translation>
            <numerusform>pickle 结束时栈上还剩 %n 个值</numerusform>
        </translation>
    </message>
    <message>
        <source>Unreadable pickle at byte %1: %2</source>
        <translation>在字节 %1 处无法读取 pickle：%2</translation>
    </message>
    <message>
        <source>the data ends in the middle of a value</source>
        <translation>数据在一个值的中途结束</translation>
    </message>
    <message>
        <source>an operation needs a value, but the stack is empty</source>
        <translation>某个操作需要一个值，但栈是空的</translation>
    </message>
    <message>
        <source>a MARK is missing</source>
        <translation>缺少 MARK</translation>
    </message>
    <message>
        <source>it refers to memo entry %1, which was never stored</source>
        <translation>它引用了 memo 条目 %1，但该条目从未被存储</translation>
    </message>
    <message>
        <source>The file names the Python global &apos;%1&apos;, which is not allowed in a state_dict; it was refused and nothing was run. Save the model&apos;s state_dict() rather than the model object.</source>
        <translation>该文件引用了 Python 全局名 &apos;%1&apos;，而 state_dict 中不允许出现它；它已被拒绝，没有运行任何内容。请保存模型的 state_dict()，而不是模型对象本身。</translation>
    </message>
    <message>
        <source>a tensor has more than %1 dimensions</source>
        <translation>某个张量的维数超过 %1</translation>
    </message>
    <message>
        <source>_rebuild_tensor_v2 takes 6 or 7 arguments, not %1</source>
        <translation>_rebuild_tensor_v2 接受 6 或 7 个参数，而不是 %1 个</translation>
    </message>
    <message>
        <source>a tensor&apos;s storage is not a storage</source>
        <translation>某个张量的存储不是存储对象</translation>
    </message>
    <message>
        <source>a tensor&apos;s storage offset is not an integer</source>
        <translation>某个张量的存储偏移量不是整数</translation>
    </message>
    <message>
        <source>a tensor&apos;s size is not a tuple of integers</source>
        <translation>某个张量的尺寸不是整数元组</translation>
    </message>
    <message>
        <source>a tensor&apos;s stride is not a tuple of integers</source>
        <translation>某个张量的步长不是整数元组</translation>
    </message>
    <message>
        <source>a tensor has %1 sizes but %2 strides</source>
        <translation>某个张量有 %1 个尺寸值，却有 %2 个步长值</translation>
    </message>
    <message>
        <source>a tensor has a negative storage offset</source>
        <translation>某个张量的存储偏移量为负数</translation>
    </message>
    <message>
        <source>a tensor has a negative size or stride</source>
        <translation>某个张量的尺寸或步长为负数</translation>
    </message>
    <message>
        <source>a tensor&apos;s shape overflows</source>
        <translation>某个张量的形状溢出</translation>
    </message>
    <message>
        <source>a tensor of shape (%1) needs %2 elements of its storage, which holds only %3</source>
        <translation>形状为 (%1) 的张量需要其存储中的 %2 个元素，但该存储只有 %3 个元素</translation>
    </message>
    <message>
        <source>REDUCE calls something that is not a global</source>
        <translation>REDUCE 调用的对象不是全局名</translation>
    </message>
    <message>
        <source>REDUCE&apos;s arguments are not a tuple</source>
        <translation>REDUCE 的参数不是元组</translation>
    </message>
    <message>
        <source>OrderedDict is rebuilt with arguments</source>
        <translation>重建 OrderedDict 时带有参数</translation>
    </message>
    <message>
        <source>_rebuild_parameter takes 3 arguments, not %1</source>
        <translation>_rebuild_parameter 接受 3 个参数，而不是 %1 个</translation>
    </message>
    <message>
        <source>a parameter holds something that is not a tensor</source>
        <translation>某个参数中存放的不是张量</translation>
    </message>
    <message>
        <source>restore_type_tag takes 2 arguments, not %1</source>
        <translation>restore_type_tag 接受 2 个参数，而不是 %1 个</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be called</source>
        <translation>&apos;%1&apos; 不可调用</translation>
    </message>
    <message>
        <source>a persistent id is not a tuple</source>
        <translation>某个 persistent id 不是元组</translation>
    </message>
    <message>
        <source>a persistent id is not (&apos;storage&apos;, type, key, location, size)</source>
        <translation>某个 persistent id 不是 (&apos;storage&apos;, type, key, location, size) 形式</translation>
    </message>
    <message>
        <source>a storage type is not a global</source>
        <translation>某个存储类型不是全局名</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a storage type</source>
        <translation>&apos;%1&apos; 不是存储类型</translation>
    </message>
    <message>
        <source>a storage key is not a string</source>
        <translation>某个存储的键不是字符串</translation>
    </message>
    <message>
        <source>a storage location is not a string</source>
        <translation>某个存储的位置不是字符串</translation>
    </message>
    <message>
        <source>a storage size is not an integer</source>
        <translation>某个存储的大小不是整数</translation>
    </message>
    <message>
        <source>a storage has an impossible size</source>
        <translation>某个存储的大小不可能成立</translation>
    </message>
    <message>
        <source>a dict is given a key without a value</source>
        <translation>给字典提供了一个没有对应值的键</translation>
    </message>
    <message>
        <source>items are set on something that is not a dict</source>
        <translation>对一个不是字典的对象设置了条目</translation>
    </message>
    <message>
        <source>items are appended to something that is not a list</source>
        <translation>向一个不是列表的对象追加了条目</translation>
    </message>
    <message>
        <source>the pickle protocol is newer than 5</source>
        <translation>pickle 协议版本高于 5</translation>
    </message>
    <message>
        <source>an integer is longer than 8 bytes</source>
        <translation>某个整数长于 8 字节</translation>
    </message>
    <message>
        <source>a string has a negative length</source>
        <translation>某个字符串的长度为负数</translation>
    </message>
    <message>
        <source>a global&apos;s module is not a string</source>
        <translation>某个全局名的模块不是字符串</translation>
    </message>
    <message>
        <source>a global&apos;s name is not a string</source>
        <translation>某个全局名的名称不是字符串</translation>
    </message>
    <message>
        <source>BUILD sets the state of something that is not a dict</source>
        <translation>BUILD 为一个不是字典的对象设置状态</translation>
    </message>
    <message>
        <source>opcode 0x%1 is not one that state dicts use</source>
        <translation>操作码 0x%1 不是 state_dict 会用到的操作码</translation>
    </message>
    <message>
        <source>a global&apos;s name is not terminated</source>
        <translation>某个全局名的名称没有结束符</translation>
    </message>
    <message>
        <source>a value at byte %1 runs past the end of the data</source>
        <translation>位于字节 %1 处的值超出了数据末尾</translation>
    </message>
    <message>
        <source>byte %1 holds 0x%2, which is not a pickle opcode</source>
        <translation>字节 %1 处为 0x%2，它不是 pickle 操作码</translation>
    </message>
    <message>
        <source>the data ends without a STOP opcode</source>
        <translation>数据结束时没有 STOP 操作码</translation>
    </message>
    <message>
        <source>the pickle ends inside an unfinished MARK</source>
        <translation>pickle 在一个未结束的 MARK 中结束</translation>
    </message>
    <message>
        <source>it holds more than %1 values</source>
        <translation>它包含的值超过 %1 个</translation>
    </message>
    <message>
        <source>byte %1 stores memo entry %2 out of sequence</source>
        <translation>第 %1 字节以错误的顺序存储 memo 条目 %2</translation>
    </message>
    <message>
        <source>byte %1 refers to memo entry %2, which was never stored</source>
        <translation>第 %1 字节引用了从未存储过的 memo 条目 %2</translation>
    </message>
</context>
<context>
    <name>PngWriter</name>
    <message>
        <source>Could not encode %1 as PNG: %2</source>
        <translation>无法把 %1 编码为 PNG：%2</translation>
    </message>
</context>
<context>
    <name>PthImport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 does not hold a state_dict (a dict of tensors)</source>
        <translation>%1 中没有 state_dict（由张量组成的字典）</translation>
    </message>
    <message>
        <source>%1 holds weights under both &apos;model&apos; and &apos;state_dict&apos;; it is not clear which to load</source>
        <translation>%1 在 &apos;model&apos; 和 &apos;state_dict&apos; 下都存有权重；无法确定应加载哪一个</translation>
    </message>
    <message>
        <source>%1 holds no tensors at its top level, nor under &apos;model&apos; or &apos;state_dict&apos;</source>
        <translation>%1 的顶层没有张量，&apos;model&apos; 或 &apos;state_dict&apos; 下也没有</translation>
    </message>
    <message>
        <source>the state_dict was found under the key &apos;%1&apos;</source>
        <translation>在键 &apos;%1&apos; 下找到了 state_dict</translation>
    </message>
    <message>
        <source>%1 holds more than one model (key prefixes %2); it is not clear which to load</source>
        <translation>%1 含有不止一个模型（键前缀为 %2）；无法确定应加载哪一个</translation>
    </message>
    <message>
        <source>%1: the tensor &apos;%2&apos; needs %3 bytes of storage &apos;%4&apos;, but the file holds only %5</source>
        <translation>%1：张量 &apos;%2&apos; 需要存储 &apos;%4&apos; 中的 %3 字节，但文件中只有 %5 字节</translation>
    </message>
    <message>
        <source>the prefix &apos;%1&apos; was removed from the keys</source>
        <translation>已从键中去掉前缀 &apos;%1&apos;</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) outside the model were ignored: %1</source>
        <translation>
            <numerusform>已忽略模型之外的 %n 个条目：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a ContextUnet state_dict: it has no &apos;%2&apos; (its first keys: %3)</source>
        <translation>%1 不是 ContextUnet 的 state_dict：其中没有 &apos;%2&apos;（它的前几个键：%3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; has shape %3, but a ContextUnet&apos;s has %4 dimensions</source>
        <translation>%1：&apos;%2&apos; 的形状为 %3，但 ContextUnet 中的对应张量有 %4 个维度</translation>
    </message>
    <message>
        <source>%1: the tensor shapes describe a model this program cannot build: %2</source>
        <translation>%1：这些张量形状描述的是本程序无法构建的模型：%2</translation>
    </message>
    <message>
        <source>in_channels %1 and n_feat %2 from init_conv.conv1.0.weight %3</source>
        <translation>in_channels %1 和 n_feat %2 取自 init_conv.conv1.0.weight %3</translation>
    </message>
    <message>
        <source>n_cfeat %1 from contextembed1.model.0.weight %2</source>
        <translation>n_cfeat %1 取自 contextembed1.model.0.weight %2</translation>
    </message>
    <message>
        <source>height %1 from up0.0.weight&apos;s kernel size %2 × 4</source>
        <translation>height %1 取自 up0.0.weight 的卷积核尺寸 %2 × 4</translation>
    </message>
    <message>
        <source>no init_conv.shortcut keys: course-compatible mode, a fresh random 1×1 shortcut on every forward pass, as in the course</source>
        <translation>没有 init_conv.shortcut 键：课程兼容模式，与课程中一样，每次前向传播都使用一个新的随机 1×1 捷径</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; should have shape %3, but the file&apos;s has shape %4</source>
        <translation>%1：&apos;%2&apos; 的形状应为 %3，但文件中的形状为 %4</translation>
    </message>
    <message numerus="yes">
        <source>%1 lacks %n weight(s) of %2: %3</source>
        <translation>
            <numerusform>%1 缺少 %2 的 %n 个权重：%3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n key(s) that %2 does not have: %3</source>
        <translation>
            <numerusform>%1 含有 %n 个 %2 中没有的键：%3</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>class names assumed to be the course&apos;s sprite classes</source>
        <translation>假定类别名称为课程中的精灵图类别</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>unknown (PyTorch file)</source>
        <translation>未知（PyTorch 文件）</translation>
    </message>
    <message>
        <source>Could not serialise the state_dict: %1</source>
        <translation>无法序列化 state_dict：%1</translation>
    </message>
    <message>
        <source>%1 asks for more memory than there is</source>
        <translation>%1 需要的内存超过可用内存</translation>
    </message>
    <message>
        <source>%1 names the tensor &apos;%2&apos; twice</source>
        <translation>%1 两次给出张量 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the tensor &apos;%2&apos; repeats the elements of its storage (%3 elements from a storage of %4)</source>
        <translation>%1：张量 &apos;%2&apos; 重复使用其存储中的元素（从 %4 个元素的存储中取 %3 个元素）</translation>
    </message>
    <message>
        <source>%1: the storage &apos;%2&apos; is described twice, differently</source>
        <translation>%1：存储 &apos;%2&apos; 被描述了两次，且描述不一致</translation>
    </message>
</context>
<context>
    <name>PthSidecar</name>
    <message>
        <source>%1 ignored: it is not readable JSON</source>
        <translation>已忽略 %1：它不是可读取的 JSON</translation>
    </message>
    <message>
        <source>%1 ignored: %2</source>
        <translation>已忽略 %1：%2</translation>
    </message>
    <message>
        <source>class names, data set and schedule from %1 (trained by tools/train_ddp.py, world size %2, %3)</source>
        <translation>类别名、数据集和噪声调度取自 %1（由 tools/train_ddp.py 训练，进程数 %2，%3）</translation>
    </message>
    <message>
        <source>it is not a Diffusion Explorer sidecar (no &quot;format&quot;: &quot;diffusion-explorer-sidecar&quot;)</source>
        <translation>它不是 Diffusion Explorer 的附属描述文件（没有 &quot;format&quot;: &quot;diffusion-explorer-sidecar&quot;）</translation>
    </message>
    <message>
        <source>it names %1 classes but the model has a context of length %2</source>
        <translation>它列出了 %1 个类别，但模型的上下文长度为 %2</translation>
    </message>
    <message>
        <source>it says %1 = %2 but the weights have %3</source>
        <translation>它写的是 %1 = %2，但权重中为 %3</translation>
    </message>
    <message>
        <source>its schedule &quot;%1&quot; is neither linear nor cosine</source>
        <translation>它的噪声调度“%1”既不是 linear 也不是 cosine</translation>
    </message>
    <message>
        <source>it was trained with %1 timesteps; the program&apos;s models have 500</source>
        <translation>它是用 %1 个时间步训练的；本程序的模型为 500 个</translation>
    </message>
</context>
<context>
    <name>Sampler</name>
    <message>
        <source>The model produces NaN or infinite values (at step %1 of %2, t = %3): its weights are damaged or untrained to the point of diverging. Load or train another model.</source>
        <translation>模型产生了 NaN 或无穷大的值（第 %1 步，共 %2 步，t = %3）：其权重已损坏，或训练不足以致发散。请加载或训练另一个模型。</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <source>The loss became %1 at step %2; the weights were left as they were before that step. Try a lower learning rate.</source>
        <translation>损失在第 %2 步变为 %1；权重已保持为该步之前的状态。请尝试更低的学习率。</translation>
    </message>
    <message>
        <source>The data set %1 is empty</source>
        <translation>数据集 %1 为空</translation>
    </message>
</context>
<context>
    <name>TransposeConv</name>
    <message>
        <source>The input must have 1 to 16 cells on each side (got %1×%2)</source>
        <translation>输入的每条边必须有 1 到 16 个单元格（实际为 %1×%2）</translation>
    </message>
    <message>
        <source>The kernel must have 1 to 7 cells on each side (got %1×%2)</source>
        <translation>卷积核的每条边必须有 1 到 7 个单元格（实际为 %1×%2）</translation>
    </message>
    <message>
        <source>A matrix has the wrong number of values for its size</source>
        <translation>某个矩阵的值个数与其尺寸不符</translation>
    </message>
    <message>
        <source>The stride must be from 1 to 4 (got %1)</source>
        <translation>步幅必须在 1 到 4 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>The dilation must be from 1 to 3 (got %1)</source>
        <translation>膨胀必须在 1 到 3 之间（实际为 %1）</translation>
    </message>
    <message>
        <source>The padding must be from 0 to kernel size - 1 = %1 (got %2)</source>
        <translation>填充必须在 0 到 卷积核尺寸 - 1 = %1 之间（实际为 %2）</translation>
    </message>
    <message>
        <source>output_padding must be smaller than the stride or the dilation, as PyTorch requires (got %1 with stride %2 and dilation %3)</source>
        <translation>output_padding 必须小于步幅或膨胀，这是 PyTorch 的要求（实际为 %1，步幅为 %2，膨胀为 %3）</translation>
    </message>
    <message>
        <source>Padding %1 leaves an empty output (%2×%3): lower the padding or enlarge the input</source>
        <translation>填充 %1 导致输出为空（%2×%3）：请减小填充或增大输入</translation>
    </message>
    <message>
        <source>Every value must be a finite number</source>
        <translation>每个值都必须是有限数</translation>
    </message>
    <message>
        <source>The bias must be a finite number</source>
        <translation>偏置必须是有限数</translation>
    </message>
    <message>
        <source>The stack must have 1 to 3 layers (got %1)</source>
        <translation>叠加的层数必须为 1 到 3（得到 %1）</translation>
    </message>
    <message>
        <source>Layer %1 of the stack would have an empty output (%2×%2): lower the padding, enlarge the input or use fewer layers</source>
        <translation>叠加的第 %1 层输出为空（%2×%2）：请减小填充、增大输入或减少层数</translation>
    </message>
    <message>
        <source>Layer %1 of the stack would be %2×%2 cells; at most 256 a side can be shown</source>
        <translation>叠加的第 %1 层将有 %2×%2 格；每边最多能显示 256 格</translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>%1 is a damaged or truncated zip archive (%2)</source>
        <translation>%1 是已损坏或被截断的 zip 归档（%2）</translation>
    </message>
    <message>
        <source>%1 has no record &apos;%2&apos;</source>
        <translation>%1 中没有记录 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the record &apos;%2&apos; claims to be larger than the memory available</source>
        <translation>%1：记录 &apos;%2&apos; 声称的大小超过了可用内存</translation>
    </message>
    <message>
        <source>%1: the record &apos;%2&apos; cannot be read (%3)</source>
        <translation>%1：无法读取记录 &apos;%2&apos;（%3）</translation>
    </message>
    <message>
        <source>its directory is missing</source>
        <translation>缺少目录</translation>
    </message>
    <message>
        <source>it uses zip64 sizes, which this program does not read</source>
        <translation>它使用 zip64 大小字段，本程序不读取这种格式</translation>
    </message>
    <message>
        <source>its two directory records disagree</source>
        <translation>它的两个目录记录互相矛盾</translation>
    </message>
    <message>
        <source>its directory lies outside the file</source>
        <translation>目录位于文件范围之外</translation>
    </message>
    <message>
        <source>directory entry %1 is broken</source>
        <translation>目录项 %1 已损坏</translation>
    </message>
    <message>
        <source>the record %1 is encrypted</source>
        <translation>第 %1 条记录已加密</translation>
    </message>
    <message>
        <source>the record %1 is compressed with method %2, which this program does not read</source>
        <translation>第 %1 条记录使用压缩方法 %2，本程序不读取这种压缩</translation>
    </message>
    <message>
        <source>directory entry %1 claims impossible sizes</source>
        <translation>目录项 %1 声称的大小不可能成立</translation>
    </message>
    <message>
        <source>record %1 is broken</source>
        <translation>第 %1 条记录已损坏</translation>
    </message>
    <message>
        <source>the checksum of &apos;%1&apos; does not match its contents</source>
        <translation>&apos;%1&apos; 的校验和与其内容不符</translation>
    </message>
    <message>
        <source>the record &apos;%1&apos; is outside the archive&apos;s folder</source>
        <translation>记录 &apos;%1&apos; 不在归档的文件夹中</translation>
    </message>
    <message>
        <source>it has no version record</source>
        <translation>它没有 version 记录</translation>
    </message>
</context>
<context>
    <name>de</name>
    <message>
        <source>%1 must be an object with &quot;en&quot; and &quot;zh_CN&quot; texts</source>
        <translation>%1 必须是包含 &quot;en&quot; 和 &quot;zh_CN&quot; 文本的对象</translation>
    </message>
    <message>
        <source>%1 needs both an &quot;en&quot; and a &quot;zh_CN&quot; text</source>
        <translation>%1 必须同时包含 &quot;en&quot; 和 &quot;zh_CN&quot; 文本</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>步骤 %1</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 不是对象</translation>
    </message>
    <message>
        <source>%1 has an unknown key &quot;%2&quot; (known: %3)</source>
        <translation>%1 含有未知的键 &quot;%2&quot;（已知的键：%3）</translation>
    </message>
    <message>
        <source>%1&apos;s &quot;text&quot;</source>
        <translation>%1 的 &quot;text&quot;</translation>
    </message>
    <message>
        <source>%1 opens the page &quot;%2&quot;; pages are %3</source>
        <translation>%1 要打开页面 &quot;%2&quot;，但可用的页面只有 %3</translation>
    </message>
    <message>
        <source>%1&apos;s &quot;set&quot; must be an object of widget names and values</source>
        <translation>%1 的 &quot;set&quot; 必须是由控件名称和值组成的对象</translation>
    </message>
    <message>
        <source>%1&apos;s &quot;click&quot; must be a widget name or a list of them</source>
        <translation>%1 的 &quot;click&quot; 必须是一个控件名称或控件名称列表</translation>
    </message>
    <message>
        <source>the file is larger than 1 MB</source>
        <translation>文件大于 1 MB</translation>
    </message>
    <message>
        <source>The lesson %1 was not loaded: %2</source>
        <translation>未加载课程 %1：%2</translation>
    </message>
    <message>
        <source>it is not valid JSON (%1 at character %2)</source>
        <translation>它不是有效的 JSON（%1，位于第 %2 个字符处）</translation>
    </message>
    <message>
        <source>it must hold one JSON object with &quot;title&quot; and &quot;steps&quot;</source>
        <translation>它必须包含一个带有 &quot;title&quot; 和 &quot;steps&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;title&quot;</source>
        <translation>&quot;title&quot;</translation>
    </message>
    <message>
        <source>&quot;summary&quot;</source>
        <translation>&quot;summary&quot;</translation>
    </message>
    <message>
        <source>it has no &quot;steps&quot; (a list of at least one step)</source>
        <translation>它没有 &quot;steps&quot;（至少包含一个步骤的列表）</translation>
    </message>
</context>
<context>
    <name>de::BranchDialog</name>
    <message>
        <source>Paths not taken</source>
        <translation>没有走的路</translation>
    </message>
    <message>
        <source>Branch again</source>
        <translation>再分叉一次</translation>
    </message>
    <message>
        <source>Four more branches from the same step, with other noise</source>
        <translation>从同一步再分出四个分叉，用别的噪声</translation>
    </message>
    <message>
        <source>the run</source>
        <translation>原来的结果</translation>
    </message>
    <message>
        <source>branch %1</source>
        <translation>分叉 %1</translation>
    </message>
    <message>
        <source>Sample %1 branched at step %2 of %3 (t = %4): the same x_t, fresh noise from there on.</source>
        <translation>样本 %1 在第 %2 步（共 %3 步，t = %4）分叉：同一个 x_t，此后用新的噪声。</translation>
    </message>
</context>
<context>
    <name>de::ContextControls</name>
    <message>
        <source>Each class in turn</source>
        <translation>依次使用各个类别</translation>
    </message>
    <message>
        <source>None (all zero): unconditional</source>
        <translation>无（全零）：无条件生成</translation>
    </message>
    <message>
        <source>Only %1</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <source>Mixture: %1 %2 + %3 %4</source>
        <translation>混合：%1 %2 + %3 %4</translation>
    </message>
    <message>
        <source>Ready-made contexts: each class in turn, none (the unconditional model), one class, or a mixture of two</source>
        <translation>预设的上下文：依次使用各个类别、无（无条件模型）、单个类别，或两个类别的混合</translation>
    </message>
    <message>
        <source>Live preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <source>How much of &quot;%1&quot; the model is asked for (0 to 1). Mixing classes asks for a blend the model never saw in training.</source>
        <translation>要求模型体现多少 &quot;%1&quot;（0 到 1）。混合多个类别相当于要求模型生成它在训练中从未见过的混合体。</translation>
    </message>
    <message>
        <source>Every sample gets this context.</source>
        <translation>每个样本都使用此上下文。</translation>
    </message>
    <message>
        <source>each class in turn</source>
        <translation>依次使用各个类别</translation>
    </message>
    <message>
        <source>no context</source>
        <translation>无上下文</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <translation>自定义：%1</translation>
    </message>
    <message>
        <source>Sample i gets class i mod %1: one column (or row) per class.</source>
        <translation>样本 i 使用类别 i mod %1：每个类别一列（或一行）。</translation>
    </message>
    <message>
        <source>Re-run a DPM-Solver++ preview (with the steps shown, same seed) whenever the context changes; the Generate button makes the run with the sampler chosen</source>
        <translation>每当上下文改变时，重新运行一次 DPM-Solver++ 预览（使用所示的步数和相同的随机种子）；“生成”按钮则使用所选的采样器运行</translation>
    </message>
</context>
<context>
    <name>de::DenoisingPage</name>
    <message>
        <source>Sampling failed: %1</source>
        <translation>采样失败：%1</translation>
    </message>
    <message>
        <source>DDIM (few steps)</source>
        <translation>DDIM（少量步数）</translation>
    </message>
    <message>
        <source>DDPM (all 500 steps)</source>
        <translation>DDPM（全部 500 步）</translation>
    </message>
    <message>
        <source>DDIM&apos;s eta: 0 is deterministic; 1 adds as much fresh noise per step as DDPM</source>
        <translation>DDIM 的 eta：0 表示确定性采样；1 表示每步加入与 DDPM 同样多的新噪声</translation>
    </message>
    <message>
        <source>Number of samples in the grid</source>
        <translation>网格中的样本数量</translation>
    </message>
    <message>
        <source>The seed fixes the starting noise and the sampler&apos;s noise: same seed, same pictures</source>
        <translation>随机种子决定初始噪声和采样器的噪声：种子相同，生成的图像也相同</translation>
    </message>
    <message>
        <source>Classifier-free guidance w: eps = (1+w)·eps(x, t, context) - w·eps(x, t, none). Larger w follows the context more strongly, at the cost of variety.</source>
        <translation>无分类器引导权重 w：eps = (1+w)·eps(x, t, context) - w·eps(x, t, none)。w 越大，结果越贴合上下文，但多样性会降低。</translation>
    </message>
    <message>
        <source>The course&apos;s &quot;incorrect&quot; sampler</source>
        <translation>课程中的“错误”采样器</translation>
    </message>
    <message>
        <source>DDPM without the fresh noise added at each step: the samples collapse to blurry averages, which shows why the noise matters</source>
        <translation>不在每一步加入新噪声的 DDPM：样本会退化成模糊的平均图像，由此可见这些噪声为何必不可少</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Run the sampler and stream every step (Ctrl+G)</source>
        <translation>运行采样器并实时显示每一步（Ctrl+G）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the sampler after its current step (Esc)</source>
        <translation>在当前步骤完成后停止采样器（Esc）</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>eta</source>
        <translation>eta</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Guidance w</source>
        <translation>引导权重 w</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Compare with a second run</source>
        <translation>与第二次运行对比</translation>
    </message>
    <message>
        <source>Sample the same seed a second time with another guidance weight or context, and show both side by side</source>
        <translation>用相同的随机种子、换一个引导权重或上下文再采样一次，并将两次结果并排显示</translation>
    </message>
    <message>
        <source>B uses guidance w =</source>
        <translation>B 使用引导权重 w =</translation>
    </message>
    <message>
        <source>B uses the context</source>
        <translation>B 使用上下文</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Context B</source>
        <translation>上下文 B</translation>
    </message>
    <message>
        <source>x_t: the sample at this step</source>
        <translation>x_t：当前这一步的样本</translation>
    </message>
    <message>
        <source>predicted noise</source>
        <translation>预测的噪声</translation>
    </message>
    <message>
        <source>predicted clean image x0</source>
        <translation>预测的干净图像 x0</translation>
    </message>
    <message>
        <source>B: x_t</source>
        <translation>B：x_t</translation>
    </message>
    <message>
        <source>Click a sample to enlarge it</source>
        <translation>点击样本可将其放大</translation>
    </message>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>x0</source>
        <translation>x0</translation>
    </message>
    <message>
        <source>Play the denoising from noise to image (Space)</source>
        <translation>播放从噪声到图像的去噪过程（空格键）</translation>
    </message>
    <message>
        <source>Previous step (Left arrow)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <source>Next step (Right arrow)</source>
        <translation>下一步（右方向键）</translation>
    </message>
    <message>
        <source>Move through every step of the last run</source>
        <translation>在上一次运行的各步之间移动</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>beta_t × 50 (noise added per step)</source>
        <translation>beta_t × 50（每步加入的噪声）</translation>
    </message>
    <message>
        <source>signal-to-noise (right, log)</source>
        <translation>信噪比（右轴，对数）</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>std of x_t</source>
        <translation>x_t 的标准差</translation>
    </message>
    <message>
        <source>std of predicted x0</source>
        <translation>预测的 x0 的标准差</translation>
    </message>
    <message>
        <source>No model is open. Open a checkpoint (File ▸ Open checkpoint…) or train one on the Training page.</source>
        <translation>尚未打开模型。请打开一个检查点（文件 ▸ 打开检查点…），或在“训练”页面训练一个模型。</translation>
    </message>
    <message>
        <source>%1, trained %2 steps on %3</source>
        <translation>%1，已在 %3 上训练 %2 步</translation>
    </message>
    <message>
        <source>Sampling %1 images…</source>
        <translation>正在采样 %1 张图像…</translation>
    </message>
    <message>
        <source>Sampling stopped; the steps so far are kept.</source>
        <translation>采样已停止；已完成的步骤会保留下来。</translation>
    </message>
    <message>
        <source>Sampled %1 images in %2 steps.</source>
        <translation>已用 %2 步采样出 %1 张图像。</translation>
    </message>
    <message>
        <source>step %1 / %2, t = %3</source>
        <translation>第 %1 / %2 步，t = %3</translation>
    </message>
    <message>
        <source>Pure noise at t = %1: the model has not looked at it yet.</source>
        <translation>t = %1 时为纯噪声：模型尚未处理它。</translation>
    </message>
    <message>
        <source>At t = %1, x_t = %2·x0 + %3·noise: the model predicts the noise, and from it what the clean image x0 would be.</source>
        <translation>在 t = %1 时，x_t = %2·x0 + %3·噪声：模型预测其中的噪声，并据此推算出干净图像 x0 的样子。</translation>
    </message>
    <message>
        <source>There is nothing to export yet: generate first.</source>
        <translation>还没有可导出的内容：请先生成。</translation>
    </message>
    <message>
        <source>%1, from a PyTorch state_dict</source>
        <translation>%1，来自 PyTorch state_dict</translation>
    </message>
    <message>
        <source> — course-compatible mode</source>
        <translation> — 课程兼容模式</translation>
    </message>
    <message>
        <source>This model has no trained init_conv.shortcut, like the course&apos;s models: a fresh random 1×1 convolution is drawn on every pass, exactly as the course&apos;s code does, from the run&apos;s seed.</source>
        <translation>与课程中的模型一样，此模型没有训练过的 init_conv.shortcut：每次前向传播都会重新抽取一个随机 1×1 卷积，与课程代码的做法完全相同，并由本次运行的随机种子决定。</translation>
    </message>
    <message>
        <source>The first step: pure noise (Home)</source>
        <translation>第一步：纯噪声（Home）</translation>
    </message>
    <message>
        <source>The last step: the finished images (End)</source>
        <translation>最后一步：生成完成的图像（End）</translation>
    </message>
    <message>
        <source>Sampling: step %1 of %2, about %3 left</source>
        <translation>正在采样：第 %1 / %2 步，大约还剩 %3</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>step %1 of %2 · t = %3</source>
        <translation>第 %1 / %2 步 · t = %3</translation>
    </message>
    <message>
        <source>%1 · %2, guidance %3, seed %4 · %5</source>
        <translation>%1 · %2，引导权重 %3，随机种子 %4 · %5</translation>
    </message>
    <message>
        <source>The scale must be between 1 and 16 pixels per image pixel (got %1).</source>
        <translation>缩放必须在每个图像像素 1 到 16 个像素之间（实际为 %1）。</translation>
    </message>
    <message>
        <source>DPM-Solver++ (fewest steps)</source>
        <translation>DPM-Solver++（最少步数）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>alpha-bar_t (signal kept), %1 schedule</source>
        <translation>alpha-bar_t（保留的信号），%1调度</translation>
    </message>
    <message>
        <source>Branch here</source>
        <translation>从这里分叉</translation>
    </message>
    <message>
        <source>Paths not taken: run the selected sample again from the step shown, four times with fresh noise. Early branches end as different pictures, late ones differ only in details: you see when the picture is decided. Needs DDPM or DDIM with eta &gt; 0 (B).</source>
        <translation>没有走的路：从当前显示的这一步起，用新的噪声把选中的样本再跑四次。早分叉，结局是不同的图；晚分叉，只有细节不同：你能看到图像是何时定下来的。需要 DDPM 或 eta &gt; 0 的 DDIM（B）。</translation>
    </message>
    <message>
        <source>Branching stopped.</source>
        <translation>分叉已停止。</translation>
    </message>
    <message>
        <source>Four branches done.</source>
        <translation>四个分叉已完成。</translation>
    </message>
    <message>
        <source>Branching sample %1 at t = %2…</source>
        <translation>正在让样本 %1 在 t = %2 处分叉…</translation>
    </message>
    <message>
        <source>%1, trained %2 steps on %3 with PyTorch (tools/train_ddp.py)</source>
        <translation>%1，用 PyTorch（tools/train_ddp.py）在 %3 上训练了 %2 步</translation>
    </message>
    <message>
        <source>UniPC (fewest steps, corrected)</source>
        <translation>UniPC（最少步数，带校正）</translation>
    </message>
    <message>
        <source>DDPM removes a little noise at each of the 500 timesteps and adds some fresh noise back. DDIM jumps through a few timesteps deterministically: much faster. DPM-Solver++ solves the same equation as DDIM to second order: as good in fewer steps (try 12). UniPC also corrects each step with the prediction the next step makes anyway: more accurate, at no extra cost.</source>
        <translation>DDPM 在 500 个时间步中的每一步去除一点噪声，再加回一些新的噪声。DDIM 以确定的方式跳过大部分时间步：快得多。DPM-Solver++ 以二阶精度求解与 DDIM 相同的方程：用更少的步数达到同样的效果（试试 12 步）。UniPC 还会用下一步本来就要做的预测来校正每一步：更准确，且不增加计算量。</translation>
    </message>
    <message>
        <source>How many timesteps the sampler visits from pure noise (t = 500) to the image (t = 0)</source>
        <translation>采样器从纯噪声（t = 500）到图像（t = 0）途经多少个时间步</translation>
    </message>
</context>
<context>
    <name>de::EmbeddingPage</name>
    <message>
        <source>Level 1: up0 → up1 (cemb1, temb1)</source>
        <translation>层级 1：up0 → up1（cemb1、temb1）</translation>
    </message>
    <message>
        <source>Level 2: up1 → up2 (cemb2, temb2)</source>
        <translation>层级 2：up1 → up2（cemb2、temb2）</translation>
    </message>
    <message>
        <source>The network adds time and context twice on its way up: to up0&apos;s output, with 2·n_feat channels, and to up1&apos;s output, with n_feat channels</source>
        <translation>网络在向上的路径中两次加入时间和上下文：一次加到 up0 的输出上（2·n_feat 个通道），一次加到 up1 的输出上（n_feat 个通道）</translation>
    </message>
    <message>
        <source>The timestep t; the network sees t/T. It moves the cursor on the heat map and the shift of every channel</source>
        <translation>时间步 t；网络看到的是 t/T。它决定热力图上光标的位置以及每个通道的平移</translation>
    </message>
    <message>
        <source>Sweep t from 0 to T and watch the shifts change (Space)</source>
        <translation>让 t 从 0 扫到 T，观察平移如何变化（空格键）</translation>
    </message>
    <message>
        <source>channel </source>
        <translation>通道 </translation>
    </message>
    <message>
        <source>The channel the formula, the curves and the large maps show; or click a map</source>
        <translation>公式、曲线和大图所显示的通道；也可以直接点击某张图</translation>
    </message>
    <message>
        <source>temb for every t (across) and channel (up): what the network adds to each channel at each time. Click to choose t and the channel</source>
        <translation>每个 t（横向）和每个通道（纵向）的 temb：网络在每个时刻给每个通道加上的值。点击可选择 t 和通道</translation>
    </message>
    <message>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>channel of temb</source>
        <translation>temb 的通道</translation>
    </message>
    <message>
        <source>The time embedding of the chosen channel (thick) and of the three channels that change most with t</source>
        <translation>所选通道（粗线）以及随 t 变化最大的三个通道的时间嵌入</translation>
    </message>
    <message>
        <source>temb</source>
        <translation>temb</translation>
    </message>
    <message>
        <source>Per channel: the scale cemb (from the context), the scale before the last change of context (grey), and the shift temb at the current t</source>
        <translation>每个通道的：缩放 cemb（来自上下文）、上下文上次改变之前的缩放（灰色），以及当前 t 下的平移 temb</translation>
    </message>
    <message>
        <source>cemb before</source>
        <translation>先前的 cemb</translation>
    </message>
    <message>
        <source>scale cemb</source>
        <translation>缩放 cemb</translation>
    </message>
    <message>
        <source>shift temb(t)</source>
        <translation>平移 temb(t)</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>x_t</source>
        <translation>x_t</translation>
    </message>
    <message>
        <source>The input: the first sample of the last generation (or a grey image), noised to t with a fixed noise</source>
        <translation>输入：上一次生成的第一个样本（或一张灰色图像），用固定的噪声加噪到 t</translation>
    </message>
    <message>
        <source>Each channel&apos;s maps before and after share one grey scale (black: its most negative value, white: its most positive): the scale changes the contrast, a negative scale inverts the map, the shift makes it brighter or darker. Click a map to choose its channel</source>
        <translation>每个通道变换前后的图共用同一个灰度标尺（黑色为其中最小（最负）的值，白色为最大（最正）的值）：缩放改变对比度，负的缩放会使图像反相，平移使其变亮或变暗。点击某张图可选择其通道</translation>
    </message>
    <message>
        <source>before: every channel</source>
        <translation>变换前：所有通道</translation>
    </message>
    <message>
        <source>after: cemb · u + temb</source>
        <translation>变换后：cemb · u + temb</translation>
    </message>
    <message>
        <source>Open a model to see how it embeds time and context.</source>
        <translation>打开一个模型，即可查看它如何嵌入时间和上下文。</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>通道 %1</translation>
    </message>
    <message>
        <source>%1[%2]</source>
        <translation>%1[%2]</translation>
    </message>
    <message>
        <source>× %1 + %2</source>
        <translation>× %1 + %2</translation>
    </message>
    <message>
        <source>x_t at t = %1</source>
        <translation>t = %1 时的 x_t</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&apos;s input&lt;/b&gt;, channel %2:&amp;nbsp; &lt;b&gt;cemb%3 · %4 + temb%3&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 的输入&lt;/b&gt;，通道 %2：&amp;nbsp; &lt;b&gt;cemb%3 · %4 + temb%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;= %1 · %2[%3] + %4 &amp;nbsp;&amp;nbsp;(t = %5, context %6)</source>
        <translation>&lt;br&gt;= %1 · %2[%3] + %4 &amp;nbsp;&amp;nbsp;（t = %5，上下文 %6）</translation>
    </message>
    <message>
        <source>&lt;br&gt;mean over the %1×%1 map: %2 · %3 + %4 = %5</source>
        <translation>&lt;br&gt;在 %1×%1 图上的平均值：%2 · %3 + %4 = %5</translation>
    </message>
</context>
<context>
    <name>de::EvaluatePage</name>
    <message>
        <source>Judge the open model</source>
        <translation>评判当前打开的模型</translation>
    </message>
    <message>
        <source>How many samples of each class to draw and judge. More samples give steadier figures and take longer.</source>
        <translation>每个类别要采样并评判的样本数。样本越多，指标越稳定，但耗时也越长。</translation>
    </message>
    <message>
        <source>Samples per class:</source>
        <translation>每类样本数：</translation>
    </message>
    <message>
        <source>DDIM (few steps)</source>
        <translation>DDIM（少量步数）</translation>
    </message>
    <message>
        <source>DDPM (every timestep)</source>
        <translation>DDPM（全部时间步）</translation>
    </message>
    <message>
        <source>The sampler that draws the samples being judged</source>
        <translation>用于生成待评判样本的采样器</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>采样器：</translation>
    </message>
    <message>
        <source>Classifier-free guidance weight w: eps = (1+w)·eps(x, c) − w·eps(x, none). Give several, separated by commas (e.g. 0, 1, 2, 4), to compare them: more guidance usually raises accuracy and lowers diversity.</source>
        <translation>无分类器引导权重 w：eps = (1+w)·eps(x, c) − w·eps(x, none)。可给出多个以逗号分隔的权重（例如 0, 1, 2, 4）进行比较：引导越强，通常准确率越高、多样性越低。</translation>
    </message>
    <message>
        <source>Guidance weights:</source>
        <translation>引导权重：</translation>
    </message>
    <message>
        <source>Seed for the samples: the same seed gives the same figures</source>
        <translation>样本的随机种子：种子相同，得到的指标也相同</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>Sample every class and judge the samples (Ctrl+Return)</source>
        <translation>对每个类别采样并评判这些样本（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current denoising step (Esc)</source>
        <translation>在当前去噪步骤完成后停止（Esc）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Accuracy&lt;/b&gt;: the share of samples that a classifier trained on the real images assigns to the class they were asked for.&lt;br&gt;&lt;b&gt;Diversity&lt;/b&gt;: how far apart the samples of a class are, divided by the same for real images of the class (about 1: as varied as the data; near 0: the same picture again and again).&lt;br&gt;&lt;b&gt;Memorisation&lt;/b&gt;: the distance from each sample to its nearest training image, divided by the distance between neighbouring training images (near 0: the model copies its training images).</source>
        <translation>&lt;b&gt;准确率&lt;/b&gt;：在真实图像上训练的分类器把样本判为所要求类别的比例。&lt;br&gt;&lt;b&gt;多样性&lt;/b&gt;：一个类别的样本彼此相距多远，除以该类别真实图像的相应值（约为 1：与数据一样多样；接近 0：一遍又一遍是同一张图）。&lt;br&gt;&lt;b&gt;记忆度&lt;/b&gt;：每个样本到其最近训练图像的距离，除以相邻训练图像之间的距离（接近 0：模型在复制其训练图像）。</translation>
    </message>
    <message>
        <source>Which guidance weight&apos;s figures to show</source>
        <translation>显示哪个引导权重下的指标</translation>
    </message>
    <message>
        <source>Per class: accuracy (a share, 1 is every sample right), diversity and memorisation (ratios, 1 is like the real data)</source>
        <translation>按类别：准确率（比例，1 表示每个样本都正确）、多样性和记忆度（比值，1 表示与真实数据相当）</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Diversity</source>
        <translation>多样性</translation>
    </message>
    <message>
        <source>Memorisation</source>
        <translation>记忆度</translation>
    </message>
    <message>
        <source>Samples (left of each pair) beside their nearest training images, a row per class</source>
        <translation>样本（每对中的左图）与其最近的训练图像并排显示，每个类别一行</translation>
    </message>
    <message>
        <source>If a sample and its neighbour are the same picture, the model is copying</source>
        <translation>如果样本与其近邻是同一张图，说明模型在复制</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>No model is open. Choose one in the Model menu.</source>
        <translation>尚未打开模型。请在“模型”菜单中选择一个。</translation>
    </message>
    <message>
        <source>%1: %2, trained %3 steps on %4</source>
        <translation>%1：%2，已在 %4 上训练 %3 步</translation>
    </message>
    <message>
        <source>Give at least one guidance weight, e.g. 2 or 0, 1, 2, 4.</source>
        <translation>请至少给出一个引导权重，例如 2 或 0, 1, 2, 4。</translation>
    </message>
    <message>
        <source>Guidance weights go from 0 to 100 (got %1).</source>
        <translation>引导权重的范围是 0 到 100（实际为 %1）。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>The evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Cancelled; the figures shown are from the previous evaluation.</source>
        <translation>已取消；显示的指标来自上一次评估。</translation>
    </message>
    <message>
        <source>Judged by the %1</source>
        <translation>评判者：%1</translation>
    </message>
    <message>
        <source>guidance w = %1: accuracy %2%</source>
        <translation>引导权重 w = %1：准确率 %2%</translation>
    </message>
    <message>
        <source>Evaluated %1 with %2</source>
        <translation>已用 %2 评估 %1</translation>
    </message>
    <message>
        <source>%1, %2 samples per class, guidance %3: overall accuracy %4%, diversity %5, memorisation %6</source>
        <translation>%1，每个类别 %2 个样本，引导权重 %3：总体准确率 %4%，多样性 %5，记忆度 %6</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>diversity</source>
        <translation>多样性</translation>
    </message>
    <message>
        <source>memorisation</source>
        <translation>记忆度</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>the one the checkpoint names</source>
        <translation>检查点所记录的数据集</translation>
    </message>
    <message>
        <source>The data set the model learned: its real images are what the samples are compared with. PyTorch .pth files do not say which it was; choose it here. Any name the Training page accepts works (idx:FOLDER, folder:FOLDER, npy:FILE).</source>
        <translation>模型所学的数据集：样本将与其中的真实图像比较。PyTorch .pth 文件不记录数据集，请在此选择。训练页接受的任何名称都可以（idx:FOLDER、folder:FOLDER、npy:FILE）。</translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>This model has not been evaluated yet: press Evaluate.</source>
        <translation>这个模型还没有被评估：请按“评估”。</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>diversity, memorisation (ratio)</source>
        <translation>多样性、记忆度（比值）</translation>
    </message>
    <message>
        <source>DPM-Solver++ (fewest steps)</source>
        <translation>DPM-Solver++（最少步数）</translation>
    </message>
    <message>
        <source>FID</source>
        <translation>FID</translation>
    </message>
    <message>
        <source>Fréchet distance between the samples and the real images of the class, measured on the judge classifier&apos;s features (not Inception&apos;s): 0 when they are alike; compare only runs with the same number of samples</source>
        <translation>样本与该类真实图像之间的 Fréchet 距离，在评判分类器的特征上测量（不是 Inception 的特征）：两者相似时为 0；只比较样本数相同的运行</translation>
    </message>
    <message>
        <source>UniPC (fewest steps, corrected)</source>
        <translation>UniPC（最少步数，带校正）</translation>
    </message>
    <message>
        <source>Denoising steps of DDIM, DPM-Solver++ and UniPC; DDPM always takes all 500</source>
        <translation>DDIM、DPM-Solver++ 和 UniPC 的去噪步数；DDPM 总是走完全部 500 步</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>This model has not been evaluated yet:
press Evaluate.</source>
        <translation>这个模型还没有被评估：
请按“评估”。</translation>
    </message>
</context>
<context>
    <name>de::ExplorerSession</name>
    <message>
        <source>Open or train a checkpoint first.</source>
        <translation>请先打开或训练一个检查点。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>de::ForwardDiffusionPage</name>
    <message>
        <source>Emoji sprites</source>
        <translation>表情符号精灵图</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>&amp;Load</source>
        <translation>加载(&amp;L)</translation>
    </message>
    <message>
        <source>Load the data set on a worker thread</source>
        <translation>在工作线程中加载数据集</translation>
    </message>
    <message>
        <source>Which image of the data set</source>
        <translation>要使用数据集中的哪一张图像</translation>
    </message>
    <message>
        <source>&amp;Random image</source>
        <translation>随机图像(&amp;R)</translation>
    </message>
    <message>
        <source>The seed of the noise eps; the same eps is used at every t</source>
        <translation>噪声 eps 的随机种子；所有 t 都使用同一个 eps</translation>
    </message>
    <message>
        <source>The timestep t: 0 is the clean image, 500 is (almost) pure noise</source>
        <translation>时间步 t：0 为干净图像，500 为（几乎）纯噪声</translation>
    </message>
    <message>
        <source>Load a data set to begin.</source>
        <translation>请先加载一个数据集。</translation>
    </message>
    <message>
        <source>x0: the clean image</source>
        <translation>x0：干净图像</translation>
    </message>
    <message>
        <source>eps: Gaussian noise</source>
        <translation>eps：高斯噪声</translation>
    </message>
    <message>
        <source>x_t: what the model sees</source>
        <translation>x_t：模型看到的图像</translation>
    </message>
    <message>
        <source>pixel values of x_t</source>
        <translation>x_t 的像素值</translation>
    </message>
    <message>
        <source>pixel value (clean images lie in [-1, 1])</source>
        <translation>像素值（干净图像的取值在 [-1, 1] 内）</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素数</translation>
    </message>
    <message>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Noise seed:</source>
        <translation>噪声种子：</translation>
    </message>
    <message>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>%1: %2 images of %3×%4</source>
        <translation>%1：%2 张 %3×%4 的图像</translation>
    </message>
    <message>
        <source>x0: image %1 (%2)</source>
        <translation>x0：第 %1 张图像（%2）</translation>
    </message>
    <message>
        <source>x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps  =  %1 · x0 + %2 · eps      (ᾱ_%3 = %4, signal-to-noise %5)</source>
        <translation>x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps  =  %1 · x0 + %2 · eps      （ᾱ_%3 = %4，信噪比 %5）</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>无穷大</translation>
    </message>
    <message>
        <source>Play: t runs from 0 to 500 and the image dissolves into noise (Space)</source>
        <translation>播放：t 从 0 变到 500，图像逐渐溶解为噪声（空格键）</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>The noise schedule: the course&apos;s linear betas, or the cosine schedule, which keeps more of the image in the middle timesteps. It follows the open model; choose the other to compare.</source>
        <translation>噪声调度：课程的线性 beta，或余弦调度——它在中间的时间步保留更多图像。它跟随当前打开的模型；选择另一个可以比较。</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>调度：</translation>
    </message>
</context>
<context>
    <name>de::HelpDialog</name>
    <message>
        <source>How diffusion works</source>
        <translation>扩散模型的工作原理</translation>
    </message>
    <message>
        <source>&lt;h2&gt;How diffusion works&lt;/h2&gt;&lt;p&gt;&lt;b&gt;Forward diffusion&lt;/b&gt; destroys an image step by step. At timestep t the image x0 is mixed with Gaussian noise eps: x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps. The schedule ᾱ_t falls from 1 (clean) to almost 0 (pure noise) over T = 500 steps. See it on the &lt;i&gt;Forward diffusion&lt;/i&gt; page.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Training&lt;/b&gt; teaches a network, the U-Net, to look at x_t (and t, and a context such as a class) and say which noise was added. The loss is the squared difference between the true and the predicted noise. Sometimes the context is hidden, so the same network also learns to predict without it. Watch the loss fall on the &lt;i&gt;Training&lt;/i&gt; page.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sampling&lt;/b&gt; runs the process backwards. Start from pure noise; at each step the network predicts the noise, which also tells what the clean image would be (x0), and the sampler moves a little towards it. DDPM takes all 500 steps and adds a little fresh noise each time; DDIM takes a few large, deterministic steps. Step through every one on the &lt;i&gt;Denoising&lt;/i&gt; page.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Context and guidance.&lt;/b&gt; The context vector says what to draw: one class, none, or a mixture. Classifier-free guidance exaggerates the difference between the prediction with and without the context: eps = (1 + w) eps(context) − w eps(none).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Transposed convolution&lt;/b&gt; is how the U-Net&apos;s decoder grows small feature maps into large ones: each input value stamps a scaled copy of the kernel onto the output. Take it apart on the &lt;i&gt;Transpose convolution&lt;/i&gt; page.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;扩散模型的工作原理&lt;/h2&gt;&lt;p&gt;&lt;b&gt;前向扩散&lt;/b&gt;一步一步地破坏图像。在时间步 t，图像 x0 与高斯噪声 eps 混合：x_t = √ᾱ_t · x0 + √(1 − ᾱ_t) · eps。调度 ᾱ_t 在 T = 500 步内从 1（干净）下降到接近 0（纯噪声）。请在&lt;i&gt;前向扩散&lt;/i&gt;页面中查看。&lt;/p&gt;&lt;p&gt;&lt;b&gt;训练&lt;/b&gt;教会一个网络（即 U-Net）观察 x_t（以及 t 和上下文，例如类别），并说出加入的是哪些噪声。损失是真实噪声与预测噪声之差的平方。训练时有时会隐藏上下文，因此同一个网络也学会了在没有上下文时进行预测。请在&lt;i&gt;训练&lt;/i&gt;页面中观察损失下降。&lt;/p&gt;&lt;p&gt;&lt;b&gt;采样&lt;/b&gt;让这个过程反向进行。从纯噪声出发；每一步网络都会预测噪声，由此也能推知干净图像（x0）应有的样子，采样器再朝它前进一小步。DDPM 走完全部 500 步，每次都加入少量新噪声；DDIM 只走少数几大步，而且是确定性的。请在&lt;i&gt;去噪&lt;/i&gt;页面中逐步查看每一步。&lt;/p&gt;&lt;p&gt;&lt;b&gt;上下文与引导。&lt;/b&gt;上下文向量指明要画什么：一个类别、什么都不指定，或多个类别的混合。无分类器引导会放大有上下文与无上下文两种预测之间的差异：eps = (1 + w) eps(context) − w eps(none)。&lt;/p&gt;&lt;p&gt;&lt;b&gt;转置卷积&lt;/b&gt;是 U-Net 的解码器把小特征图放大成大特征图的方法：每个输入值都把一份按自身数值缩放的卷积核副本盖印到输出上。请在&lt;i&gt;转置卷积&lt;/i&gt;页面中把它拆开来看。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>de::LessonPlayer</name>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>The step before (Alt+←)</source>
        <translation>上一个步骤（Alt+←）</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>下一步(&amp;N) ▶</translation>
    </message>
    <message>
        <source>The next step (Alt+→)</source>
        <translation>下一个步骤（Alt+→）</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Close the lesson; everything it set stays as it is (Alt+A)</source>
        <translation>关闭课程；课程所做的设置均保持不变（Alt+A）</translation>
    </message>
    <message>
        <source>Show the &amp;lessons</source>
        <translation>显示课程列表(&amp;L)</translation>
    </message>
    <message>
        <source>New here?</source>
        <translation>初次使用？</translation>
    </message>
    <message>
        <source>&lt;p&gt;Guided lessons walk you through the pages: transposed convolution, the U-Net, noising, sampling, training, guidance and the embeddings. Each step sets up the window for you.&lt;/p&gt;&lt;p&gt;Find them any time under &lt;b&gt;Help ▸ Lessons&lt;/b&gt; (Ctrl+L).&lt;/p&gt;</source>
        <translation>&lt;p&gt;引导式课程会带你逐一浏览各个页面：转置卷积、U-Net、加噪、采样、训练、引导和嵌入。每个步骤都会为你设置好窗口。&lt;/p&gt;&lt;p&gt;随时可以在&lt;b&gt;帮助 ▸ 课程&lt;/b&gt;（Ctrl+L）中找到它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Not &amp;now</source>
        <translation>以后再说(&amp;N)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>步骤 %1 / %2</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>the model %1 could not be opened</source>
        <translation>无法打开模型 %1</translation>
    </message>
    <message>
        <source>there is no widget &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的控件</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;：%2</translation>
    </message>
    <message>
        <source>there is no block &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的模块</translation>
    </message>
    <message>
        <source>there is no widget &quot;%1&quot; to highlight</source>
        <translation>没有可供高亮显示的控件 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>there is no button &quot;%1&quot;</source>
        <translation>没有名为 &quot;%1&quot; 的按钮</translation>
    </message>
    <message>
        <source>Step %1 of %2 · waiting for the run to finish…</source>
        <translation>步骤 %1 / %2 · 正在等待运行完成…</translation>
    </message>
    <message>
        <source>the button &quot;%1&quot; stayed disabled</source>
        <translation>按钮 &quot;%1&quot; 一直处于禁用状态</translation>
    </message>
    <message>
        <source>there is no preset %1</source>
        <translation>没有预设 %1</translation>
    </message>
    <message>
        <source>takes a list of class weights or a preset number</source>
        <translation>需要一个类别权重列表或预设编号</translation>
    </message>
    <message>
        <source>has %1 classes, not %2</source>
        <translation>有 %1 个类别，而不是 %2 个</translation>
    </message>
    <message>
        <source>has no item %1</source>
        <translation>没有选项 %1</translation>
    </message>
    <message>
        <source>takes a whole number from %1 to %2</source>
        <translation>需要 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>takes a number from %1 to %2</source>
        <translation>需要 %1 到 %2 之间的数</translation>
    </message>
    <message>
        <source>takes true or false</source>
        <translation>需要 true 或 false</translation>
    </message>
    <message>
        <source>takes a text</source>
        <translation>需要文本</translation>
    </message>
    <message>
        <source>cannot be set by a lesson</source>
        <translation>不能由课程设置</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>%1 (%2 steps)%3</source>
        <translation>%1（%2 个步骤）%3</translation>
    </message>
    <message>
        <source> · your own</source>
        <translation> · 你自己的</translation>
    </message>
    <message>
        <source>Your own lessons: JSON files in &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; (the format is described in docs/lessons.md).</source>
        <translation>你自己的课程：&lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt; 中的 JSON 文件（格式说明见 docs/lessons.md）。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>has no tab %1</source>
        <translation>没有第 %1 个选项卡</translation>
    </message>
</context>
<context>
    <name>de::MainWindow</name>
    <message>
        <source>Diffusion Explorer</source>
        <translation>Diffusion Explorer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Diffusion Explorer</source>
        <translation>关于 Diffusion Explorer(&amp;A)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>About Diffusion Explorer</source>
        <translation>关于 Diffusion Explorer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Diffusion Explorer %1&lt;/h3&gt;&lt;p&gt;Teaches how diffusion models and transpose convolution work by letting you run them, watch them and take them apart.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Diffusion Explorer %1&lt;/h3&gt;&lt;p&gt;让你亲手运行、观察并拆解扩散模型和转置卷积，从而学习它们的工作原理。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Transpose convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>Step through ConvTranspose2d, number by number, in three equivalent views</source>
        <translation>以三种等价视图逐个数字地单步演示 ConvTranspose2d</translation>
    </message>
    <message>
        <source>Forward diffusion</source>
        <translation>前向扩散</translation>
    </message>
    <message>
        <source>Watch noise swallow an image as t grows</source>
        <translation>观察随着 t 增大，噪声如何逐渐吞没图像</translation>
    </message>
    <message>
        <source>Denoising</source>
        <translation>去噪</translation>
    </message>
    <message>
        <source>Sample a model and step through every timestep</source>
        <translation>从模型采样，并逐个查看每个时间步</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a model live and watch the loss fall</source>
        <translation>实时训练模型，观察损失下降</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The U-Net&apos;s blocks, shapes, parameters and activations</source>
        <translation>U-Net 的各个模块、形状、参数和激活</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint as…</source>
        <translation>检查点另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;data set folder…</source>
        <translation>打开数据集文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Current &amp;frame as PNG…</source>
        <translation>将当前帧存为 PNG(&amp;F)…</translation>
    </message>
    <message>
        <source>Whole &amp;trajectory as animated GIF…</source>
        <translation>将完整轨迹存为 GIF 动画(&amp;T)…</translation>
    </message>
    <message>
        <source>Final &amp;grid as PNG at a chosen scale…</source>
        <translation>按指定缩放将最终网格存为 PNG(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;How diffusion works</source>
        <translation>扩散模型的工作原理(&amp;H)</translation>
    </message>
    <message>
        <source>Cannot open the checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>Open or train a checkpoint first.</source>
        <translation>请先打开或训练一个检查点。</translation>
    </message>
    <message>
        <source>Save checkpoint as</source>
        <translation>检查点另存为</translation>
    </message>
    <message>
        <source>Cannot save the checkpoint</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>Folder with MNIST-format IDX files</source>
        <translation>包含 MNIST 格式 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>Export the current frame</source>
        <translation>导出当前帧</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export the trajectory</source>
        <translation>导出轨迹</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Export the final grid</source>
        <translation>导出最终网格</translation>
    </message>
    <message>
        <source>Pixels per image pixel (nearest-neighbour, never blurred):</source>
        <translation>每个图像像素对应的像素数（最近邻缩放，不会模糊）：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Checkpoints and PyTorch files (*.ckpt *.pth *.pt);;Diffusion Explorer checkpoints (*.ckpt);;PyTorch state_dicts (*.pth *.pt);;All files (*)</source>
        <translation>检查点和 PyTorch 文件 (*.ckpt *.pth *.pt);;Diffusion Explorer 检查点 (*.ckpt);;PyTorch state_dict (*.pth *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Diffusion Explorer checkpoints (*.ckpt);;PyTorch state_dicts (*.pth)</source>
        <translation>Diffusion Explorer 检查点 (*.ckpt);;PyTorch state_dict (*.pth)</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Is this model any good? Accuracy, diversity and copying, measured per class</source>
        <translation>这个模型好不好？按类别测量准确率、多样性和复制程度</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Bundled: %1</source>
        <translation>内置：%1</translation>
    </message>
    <message>
        <source>From a &amp;file…</source>
        <translation>从文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a checkpoint you trained, or a PyTorch .pth state_dict</source>
        <translation>打开你训练的检查点，或 PyTorch .pth state_dict</translation>
    </message>
    <message>
        <source>&amp;Evaluate…</source>
        <translation>评估(&amp;E)…</translation>
    </message>
    <message>
        <source>Measure how good the open model is</source>
        <translation>测量当前打开的模型有多好</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>How time and context enter the network: cemb · up + temb, live</source>
        <translation>时间与上下文如何进入网络：cemb · up + temb，实时显示</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large text, thick lines, high contrast; PageDown/PageUp step, Space plays, Esc leaves</source>
        <translation>全屏、大字号、粗线条、高对比度；PageDown/PageUp 切换步骤，空格键播放，Esc 退出</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Guided tours through the pages, step by step</source>
        <translation>逐步引导你浏览各个页面</translation>
    </message>
    <message>
        <source>Pixels per image pixel (each frame also shows its step and t):</source>
        <translation>每个图像像素对应的像素数（每一帧还会标出其步数和 t）：</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>试玩</translation>
    </message>
    <message>
        <source>Start from your own drawing, repaint a part, walk between noises</source>
        <translation>从你自己的画出发，重画一部分，在噪声之间漫步</translation>
    </message>
    <message>
        <source>Quit without saving the training?</source>
        <translation>不保存训练就退出吗？</translation>
    </message>
    <message>
        <source>The training&apos;s checkpoint could not be written, so what it has learned exists only in memory. Quit and lose it, or go back and save it elsewhere?</source>
        <translation>训练的检查点无法写入，它学到的内容只存在于内存中。要退出并丢弃它，还是返回并把它保存到别处？</translation>
    </message>
    <message>
        <source>Quit without saving</source>
        <translation>不保存就退出</translation>
    </message>
    <message>
        <source>Go back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Open a model first: the picture goes to the Play page&apos;s canvas, which draws at the model&apos;s size.</source>
        <translation>请先打开一个模型：图片会放到“游乐场”页的画布上，画布按模型的尺寸绘制。</translation>
    </message>
    <message>
        <source>%1 cannot be opened here: drop a checkpoint (.ckpt), a PyTorch .pth file or a picture.</source>
        <translation>无法在此打开 %1：请拖入检查点（.ckpt）、PyTorch .pth 文件或图片。</translation>
    </message>
    <message>
        <source>Sample in &amp;bfloat16 (faster)</source>
        <translation>以 &amp;bfloat16 采样（更快）</translation>
    </message>
    <message>
        <source>The denoiser&apos;s 3×3 convolutions read their inputs rounded to bfloat16 (8 significant bits) and add in float32: sampling gets faster (by a tenth to a third where it was measured), and the bundled models&apos; samples were judged as good as in float32. Off: float32 throughout.</source>
        <translation>去噪网络的 3×3 卷积把输入舍入为 bfloat16（8 个有效二进制位）后相乘，并以 float32 累加：采样更快（实测快十分之一到三分之一），而且内置模型的样本经评判与 float32 一样好。关闭：全程使用 float32。</translation>
    </message>
    <message>
        <source>This CPU has no bfloat16 arithmetic (AVX512_BF16): sampling runs in float32.</source>
        <translation>此 CPU 没有 bfloat16 运算（AVX512_BF16）：采样以 float32 进行。</translation>
    </message>
    <message>
        <source>Faster sampling: 3×3 convolutions in bfloat16, samples judged as good as in float32</source>
        <translation>更快的采样：3×3 卷积使用 bfloat16，样本经评判与 float32 一样好</translation>
    </message>
    <message>
        <source>This CPU has no bfloat16 arithmetic: sampling runs in float32</source>
        <translation>此 CPU 没有 bfloat16 运算：采样以 float32 进行</translation>
    </message>
</context>
<context>
    <name>de::ModelPage</name>
    <message>
        <source>Residual block: two 3×3 convolutions with BatchNorm and GELU, plus a 1×1 shortcut; lifts the image to n_feat feature maps.</source>
        <translation>残差块：两个带 BatchNorm 和 GELU 的 3×3 卷积，外加一条 1×1 捷径连接；把图像提升为 n_feat 个特征图。</translation>
    </message>
    <message>
        <source>Two residual blocks, then 2×2 max pooling: half the size, more abstract features.</source>
        <translation>两个残差块，然后是 2×2 最大池化：尺寸减半，特征更抽象。</translation>
    </message>
    <message>
        <source>Average pooling to a single vector per channel, then GELU: the bottleneck.</source>
        <translation>平均池化成单个向量（每个通道一个值），再经过 GELU：这就是瓶颈。</translation>
    </message>
    <message>
        <source>Linear, GELU, Linear: turns the time t/T into a vector that is added to the decoder&apos;s features.</source>
        <translation>Linear、GELU、Linear：把时间 t/T 变成一个向量，加到解码器的特征上。</translation>
    </message>
    <message>
        <source>Linear, GELU, Linear: turns the context (class) vector into a vector that multiplies the decoder&apos;s features.</source>
        <translation>Linear、GELU、Linear：把上下文（类别）向量变成一个向量，与解码器的特征相乘。</translation>
    </message>
    <message>
        <source>Transposed convolution with kernel and stride height/4, GroupNorm and ReLU: grows the bottleneck vector back into a small feature map.</source>
        <translation>卷积核和步幅均为 height/4 的转置卷积，再接 GroupNorm 和 ReLU：把瓶颈向量重新放大成一个小特征图。</translation>
    </message>
    <message>
        <source>Transposed convolution (kernel 2, stride 2) on the features joined with the skip connection, then two residual blocks: double the size.</source>
        <translation>对与跳跃连接拼接后的特征做转置卷积（卷积核 2，步幅 2），再接两个残差块：尺寸加倍。</translation>
    </message>
    <message>
        <source>3×3 convolution, GroupNorm, ReLU, 3×3 convolution: from features back to the predicted noise, one value per pixel and channel.</source>
        <translation>3×3 卷积、GroupNorm、ReLU、3×3 卷积：从特征变回预测的噪声，每个像素的每个通道一个值。</translation>
    </message>
    <message>
        <source>Each small image is one channel of the block&apos;s output for the first sample, stretched to its own range</source>
        <translation>每张小图是该模块对第一个样本的输出中的一个通道，并按其自身的取值范围拉伸显示</translation>
    </message>
    <message>
        <source>See this transposed convolution step by step</source>
        <translation>逐步查看这个转置卷积</translation>
    </message>
    <message>
        <source>Open a checkpoint to see its model.</source>
        <translation>打开检查点即可查看其模型。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Output per sample: &lt;b&gt;%3&lt;/b&gt;&lt;br&gt;Parameters: &lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;每个样本的输出：&lt;b&gt;%3&lt;/b&gt;&lt;br&gt;参数量：&lt;b&gt;%4&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Activations of the first sample at step %1 of the last generation:&lt;/p&gt;</source>
        <translation>&lt;p&gt;上一次生成中第 %1 步时第一个样本的激活：&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Generate on the Denoising page to see this block&apos;s activation maps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在“去噪”页面中生成后，即可查看此模块的激活图。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Course-compatible mode.&lt;/b&gt; This model came without trained weights for the 1×1 shortcut, as the course&apos;s models do: the course creates a new, randomly initialised 1×1 convolution on every forward pass, and so does this program (from the run&apos;s seed, so a run can be repeated). Each pass therefore adds a slightly different projection of the input.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;课程兼容模式。&lt;/b&gt;与课程中的模型一样，此模型没有 1×1 捷径的训练权重：课程在每次前向传播时都会新建一个随机初始化的 1×1 卷积，本程序也是如此（由本次运行的随机种子决定，因此运行可以重复）。因此，每次前向传播都会加入输入的一个略有不同的投影。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the embedding view</source>
        <translation>打开嵌入视图</translation>
    </message>
    <message>
        <source>See this embedding for every t and context, and how it scales and shifts the feature maps</source>
        <translation>查看此嵌入在每个 t 和上下文下的取值，以及它如何缩放和平移特征图</translation>
    </message>
    <message>
        <source>the first sample at step %1 of the last generation</source>
        <translation>上一次生成中第 %1 步时的第一个样本</translation>
    </message>
    <message>
        <source>a grey image (generate on the Denoising page to use a real one)</source>
        <translation>一张灰色图像（在“去噪”页面中生成后即可使用真实样本）</translation>
    </message>
    <message>
        <source>The trained %1 layer: input channel %2 of %3 and its kernel to output channel %4 of %5, at t = %6 for %7. Values are rounded to two decimals. This is one channel&apos;s share: the layer adds the shares of all %3 input channels and the bias %8 to make output channel %4.</source>
        <translation>训练好的 %1 层：输入通道 %2（共 %3 个）及其通往输出通道 %4（共 %5 个）的卷积核，t = %6，输入为%7。数值已四舍五入到两位小数。这只是一个通道的贡献：该层把全部 %3 个输入通道的贡献与偏置 %8 相加，得到输出通道 %4。</translation>
    </message>
    <message>
        <source>&lt;p&gt;An embedding is a vector, not a feature map: the embedding view shows it for every t and context, and how it scales and shifts the decoder&apos;s feature maps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;嵌入是一个向量，而不是特征图：嵌入视图会显示它在每个 t 和上下文下的取值，以及它如何缩放和平移解码器的特征图。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>de::OverlapStackView</name>
    <message>
        <source>How many equal transposed convolutions to stack</source>
        <translation>叠加多少层相同的转置卷积</translation>
    </message>
    <message>
        <source>Transposed convolution</source>
        <translation>转置卷积</translation>
    </message>
    <message>
        <source>Resize, then convolve</source>
        <translation>先缩放，再卷积</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <source>Each number counts the paths from the input to that output cell: the result of the layers on an all-ones input with all-ones kernels. Where the kernel size is not a multiple of the stride, neighbouring cells get different counts, and stacking layers multiplies the pattern: the checkerboard artefacts of generated images. Resizing first (nearest neighbour) and then convolving reaches every inner cell equally.</source>
        <translation>每个数字是从输入到该输出格的路径数：即这些层作用在全 1 输入和全 1 卷积核上的结果。当卷积核大小不是步幅的整数倍时，相邻的格得到不同的计数，叠加多层会使这种图案成倍放大：这就是生成图像中的棋盘格伪影。先缩放（最近邻）再卷积，则每个内部格得到的计数都相同。</translation>
    </message>
    <message>
        <source>after layer %1</source>
        <translation>第 %1 层之后</translation>
    </message>
    <message>
        <source>Inner cells after %1 layer(s): from %2 to %3 paths (%4 to 1); resize-then-convolve gives every inner cell the same count.</source>
        <translation>%1 层之后的内部格：路径数从 %2 到 %3（%4 比 1）；先缩放再卷积时每个内部格的计数都相同。</translation>
    </message>
</context>
<context>
    <name>de::PlayPage</name>
    <message>
        <source>Play</source>
        <translation>试玩</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <source>DPM-Solver++ (fewest steps)</source>
        <translation>DPM-Solver++（步数最少）</translation>
    </message>
    <message>
        <source>DDIM (few steps)</source>
        <translation>DDIM（步数少）</translation>
    </message>
    <message>
        <source>DDPM (every timestep)</source>
        <translation>DDPM（每个时间步）</translation>
    </message>
    <message>
        <source>Draw and denoise</source>
        <translation>画图并去噪</translation>
    </message>
    <message>
        <source>Walk between noises</source>
        <translation>在噪声之间漫步</translation>
    </message>
    <message>
        <source>Draw with the left button; the right button erases (white on the picture, unmarks on the mask). Every square is one pixel of what the model sees.</source>
        <translation>用左键画；右键擦除（在图上擦成白色，在蒙版上取消标记）。每个方格就是模型看到的一个像素。</translation>
    </message>
    <message>
        <source>Pencil</source>
        <translation>铅笔</translation>
    </message>
    <message>
        <source>Paint pixels (drag to draw)</source>
        <translation>画像素（拖动即可画）</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Flood-fill the area of one colour</source>
        <translation>把同一颜色的区域整片填满</translation>
    </message>
    <message>
        <source>Pick colour</source>
        <translation>取色</translation>
    </message>
    <message>
        <source>Take the colour of a pixel</source>
        <translation>取某个像素的颜色</translation>
    </message>
    <message>
        <source>The colour to paint with</source>
        <translation>用来画的颜色</translation>
    </message>
    <message>
        <source>Paint colour</source>
        <translation>画笔颜色</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Pencil size in model pixels</source>
        <translation>铅笔大小，以模型像素计</translation>
    </message>
    <message>
        <source>Paint the picture</source>
        <translation>画图</translation>
    </message>
    <message>
        <source>Paint the mask (blue: repaint)</source>
        <translation>画蒙版（蓝色：重画）</translation>
    </message>
    <message>
        <source>The mask marks in blue the pixels the model repaints; the rest of the picture is kept exactly (inpainting).</source>
        <translation>蒙版用蓝色标出模型要重画的像素；图中其余部分精确保留（图像修复）。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>A white picture and an empty mask</source>
        <translation>一张白图和一个空蒙版</translation>
    </message>
    <message>
        <source>Clear the mask</source>
        <translation>清除蒙版</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Open a PNG, JPEG or other picture; it is scaled to the model&apos;s size</source>
        <translation>打开 PNG、JPEG 或其他图片；会缩放到模型的尺寸</translation>
    </message>
    <message>
        <source>From the data set</source>
        <translation>从数据集取一张</translation>
    </message>
    <message>
        <source>A random training image of the model&apos;s data set</source>
        <translation>从模型的数据集中随机取一张训练图像</translation>
    </message>
    <message>
        <source>Noise it to t and denoise</source>
        <translation>加噪到 t 再去噪</translation>
    </message>
    <message>
        <source>How far to noise the picture before the model takes over: a small t keeps it almost as drawn, a large t keeps only its rough colours, and T = 500 forgets it (SDEdit).</source>
        <translation>在模型接手之前把图加噪到什么程度：t 小则几乎保留原画，t 大只保留大致的颜色，T = 500 则完全忘掉它（SDEdit）。</translation>
    </message>
    <message>
        <source>Start at t:</source>
        <translation>从 t 开始：</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>采样器：</translation>
    </message>
    <message>
        <source>Steps from t down to 0 (DDIM and DPM-Solver++; DDPM takes every one)</source>
        <translation>从 t 降到 0 的步数（DDIM 和 DPM-Solver++；DDPM 每一步都走）</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>How many versions to draw: each gets its own noise</source>
        <translation>画几个版本：每个都有自己的噪声</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>What the model is told the picture is; &quot;no class&quot; lets it decide</source>
        <translation>告诉模型这张图是什么；&quot;无类别&quot;则让它自己决定</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Classifier-free guidance w: how strongly the class steers</source>
        <translation>无分类器引导 w：类别的引导有多强</translation>
    </message>
    <message>
        <source>Guidance w:</source>
        <translation>引导 w：</translation>
    </message>
    <message>
        <source>Repaint only the blue part</source>
        <translation>只重画蓝色部分</translation>
    </message>
    <message>
        <source>Inpainting: at every step the unmarked pixels are replaced by the picture noised to that step&apos;s t, and at the end they are the picture exactly.</source>
        <translation>图像修复：每一步都把未标记的像素换成加噪到该步 t 的原图，最后它们就是原图本身。</translation>
    </message>
    <message>
        <source>Noise and denoise</source>
        <translation>加噪再去噪</translation>
    </message>
    <message>
        <source>Noise the picture to t and let the model denoise it (Ctrl+Enter)</source>
        <translation>把图加噪到 t，再让模型去噪（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current step (Esc)</source>
        <translation>在当前这一步之后停止（Esc）</translation>
    </message>
    <message>
        <source>Draw something (or import a picture), choose how much noise to add, and the model turns it into something it knows. Paint a mask to repaint only part of it.</source>
        <translation>画点什么（或导入一张图），选择加多少噪声，模型会把它变成它认识的东西。涂一块蒙版，就只重画其中一部分。</translation>
    </message>
    <message>
        <source>Noised to t: the start</source>
        <translation>加噪到 t：起点</translation>
    </message>
    <message>
        <source>Denoised by the model</source>
        <translation>模型去噪的结果</translation>
    </message>
    <message>
        <source>From one noise to another</source>
        <translation>从一个噪声到另一个噪声</translation>
    </message>
    <message>
        <source>The seed whose initial noise this end of the walk starts from: its frame is exactly the sample this seed gives on the Denoising page with one sample</source>
        <translation>漫步这一端所用初始噪声的种子：这一帧正是该种子在去噪页上只采一个样本时得到的图</translation>
    </message>
    <message>
        <source>Seed A:</source>
        <translation>种子 A：</translation>
    </message>
    <message>
        <source>Seed B:</source>
        <translation>种子 B：</translation>
    </message>
    <message>
        <source>A different class here also walks the context, in a straight line</source>
        <translation>这里选不同的类别，上下文也会沿直线漫步</translation>
    </message>
    <message>
        <source>Class at A:</source>
        <translation>A 端的类别：</translation>
    </message>
    <message>
        <source>Class at B:</source>
        <translation>B 端的类别：</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>帧数：</translation>
    </message>
    <message>
        <source>Only samplers that add no noise of their own, so that each frame depends on its starting noise alone</source>
        <translation>只用自身不加噪声的采样器，这样每一帧只取决于它的起始噪声</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>漫步</translation>
    </message>
    <message>
        <source>Sample one image per frame along the path (Ctrl+Enter)</source>
        <translation>沿路径每帧采样一张图（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Play the walk there and back</source>
        <translation>来回播放这段漫步</translation>
    </message>
    <message>
        <source>Every sample starts from a field of noise. Here the noise moves along the great circle from seed A&apos;s to seed B&apos;s (spherical interpolation keeps it as strong as real noise all the way; a straight line would fade it in the middle), and each frame is denoised the same deterministic way: nearby noises give similar pictures, and the model&apos;s idea of the class changes smoothly or suddenly.</source>
        <translation>每个样本都从一片噪声开始。这里噪声沿大圆从种子 A 的噪声移到种子 B 的噪声（球面插值一路上保持噪声和真实噪声一样强；直线插值会在中间变弱），每一帧都用同样的确定性方式去噪：相近的噪声给出相似的图，而模型对类别的理解或平滑、或突然地变化。</translation>
    </message>
    <message>
        <source>The walk, A to B</source>
        <translation>漫步，从 A 到 B</translation>
    </message>
    <message>
        <source>No class</source>
        <translation>无类别</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>t = %1: %2% picture, %3% noise (√ᾱ = %4, √(1−ᾱ) = %5)</source>
        <translation>t = %1：%2% 图像，%3% 噪声（√ᾱ = %4，√(1−ᾱ) = %5）</translation>
    </message>
    <message>
        <source>Noising the picture to t = %1 and denoising it…</source>
        <translation>正在把图加噪到 t = %1 并去噪…</translation>
    </message>
    <message>
        <source>Repainting the blue part…</source>
        <translation>正在重画蓝色部分…</translation>
    </message>
    <message>
        <source>Choose two different seeds to walk between.</source>
        <translation>请选择两个不同的种子来漫步。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Done: %1 samples.</source>
        <translation>完成：%1 个样本。</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Done: a walk of %1 frames.</source>
        <translation>完成：一段 %1 帧的漫步。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Import a picture</source>
        <translation>导入图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>无法读取 %1：%2。</translation>
    </message>
    <message>
        <source>The picture is %1×%2; scaled to the model&apos;s %3×%3.</source>
        <translation>图片为 %1×%2；已缩放为模型的 %3×%3。</translation>
    </message>
    <message>
        <source>This model does not say which data set it learned from.</source>
        <translation>此模型没有说明它是用哪个数据集训练的。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Image %1 of %2 (%3).</source>
        <translation>%2 的第 %1 张图像（%3）。</translation>
    </message>
    <message>
        <source>UniPC (fewest steps, corrected)</source>
        <translation>UniPC（步数最少，带校正）</translation>
    </message>
</context>
<context>
    <name>de::TrainingPage</name>
    <message>
        <source>preview at step %1 (same seed every time)</source>
        <translation>第 %1 步的预览（每次使用相同的随机种子）</translation>
    </message>
    <message>
        <source>%1: %2 images of %3×%4×%5 (%6)</source>
        <translation>%1：%2 张 %3×%4×%5 的图像（%6）</translation>
    </message>
    <message>
        <source>Emoji sprites (16×16, 5 classes)</source>
        <translation>表情符号精灵图（16×16，5 个类别）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (28×28, 10 classes)</source>
        <translation>Fashion-MNIST（28×28，10 个类别）</translation>
    </message>
    <message>
        <source>IDX folder…</source>
        <translation>IDX 文件夹…</translation>
    </message>
    <message>
        <source>The images the model learns to make: emoji rendered on this machine, clothes from Fashion-MNIST, or any folder of MNIST-format IDX files</source>
        <translation>模型要学习生成的图像：在本机渲染的表情符号、Fashion-MNIST 中的服饰，或任意包含 MNIST 格式 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>Folder with IDX files</source>
        <translation>包含 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>Width of the U-Net (feature maps in its first layer; a multiple of 8). 64 is the course&apos;s; 32 trains four times faster.</source>
        <translation>U-Net 的宽度（第一层的特征图数量；须为 8 的倍数）。课程中使用 64；用 32 训练速度快四倍。</translation>
    </message>
    <message>
        <source>Images per training step</source>
        <translation>每个训练步的图像数</translation>
    </message>
    <message>
        <source>Fixes the initial weights, the batches and the noise: the same seed trains the same model</source>
        <translation>决定初始权重、批次和噪声：相同的随机种子会训练出相同的模型</translation>
    </message>
    <message>
        <source>Write the checkpoint every N steps (0: only at the end)</source>
        <translation>每隔 N 步写入一次检查点（0：仅在结束时写入）</translation>
    </message>
    <message>
        <source>Sample a small preview grid every N steps (0: never)</source>
        <translation>每隔 N 步采样一个小的预览网格（0：从不）</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate at the start; it falls linearly to zero by the end</source>
        <translation>Adam 的初始学习率；到训练结束时线性降至零</translation>
    </message>
    <message>
        <source>Where the checkpoint is written (atomically: an old file is replaced only by a complete new one)</source>
        <translation>检查点的写入位置（以原子方式写入：只有新文件完整写好后才会替换旧文件）</translation>
    </message>
    <message>
        <source>Save the checkpoint as</source>
        <translation>检查点保存为</translation>
    </message>
    <message>
        <source>Checkpoints (*.ckpt)</source>
        <translation>检查点 (*.ckpt)</translation>
    </message>
    <message>
        <source>(start from scratch)</source>
        <translation>（从头开始）</translation>
    </message>
    <message>
        <source>Continue an earlier run from its checkpoint: weights, optimizer and step</source>
        <translation>从之前某次运行的检查点继续训练：权重、优化器和步数</translation>
    </message>
    <message>
        <source>Resume from</source>
        <translation>继续训练自</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>Train on a worker thread; the window stays responsive (Ctrl+Return)</source>
        <translation>在工作线程中训练，窗口仍可正常操作（Ctrl+Return）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause between two steps; press again to resume</source>
        <translation>在两步之间暂停；再按一次即可继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current step and save the checkpoint, so it can be resumed</source>
        <translation>在当前步骤完成后停止并保存检查点，以便之后继续训练</translation>
    </message>
    <message>
        <source>Sample this model</source>
        <translation>用此模型采样</translation>
    </message>
    <message>
        <source>Open the checkpoint on the Denoising page</source>
        <translation>在“去噪”页面中打开该检查点</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Width n_feat</source>
        <translation>宽度 n_feat</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>训练时长</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <source>Preview every</source>
        <translation>预览间隔</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>训练配置</translation>
    </message>
    <message>
        <source>Not training.</source>
        <translation>未在训练。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑后</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>MSE between true and predicted noise</source>
        <translation>真实噪声与预测噪声之间的 MSE</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The width n_feat must be a multiple of 8, because GroupNorm uses 8 groups.</source>
        <translation>宽度 n_feat 必须是 8 的倍数，因为 GroupNorm 使用 8 个分组。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Training paused.</source>
        <translation>训练已暂停。</translation>
    </message>
    <message>
        <source>Training resumed.</source>
        <translation>训练已继续。</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步骤完成后停止…</translation>
    </message>
    <message>
        <source>step %1 / %2   loss %3   %4 steps/s   %5 left</source>
        <translation>步 %1 / %2   损失 %3   %4 步/秒   剩余 %5</translation>
    </message>
    <message>
        <source>Stopped at step %1 of %2; the checkpoint %3 was saved and can be resumed.</source>
        <translation>已在第 %1 步（共 %2 步）停止；检查点 %3 已保存，之后可以继续训练。</translation>
    </message>
    <message>
        <source>Finished %1 steps; the checkpoint was saved to %2.</source>
        <translation>已完成 %1 步；检查点已保存到 %2。</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>The course&apos;s sprite files (.npy)…</source>
        <translation>课程中的精灵图文件（.npy）…</translation>
    </message>
    <message>
        <source>Folder of images, one subfolder per class (16×16 RGB)…</source>
        <translation>图像文件夹，每个类别一个子文件夹（16×16 RGB）…</translation>
    </message>
    <message>
        <source>Folder of class folders</source>
        <translation>包含各类别文件夹的文件夹</translation>
    </message>
    <message>
        <source>Sprite images (.npy)</source>
        <translation>精灵图的图像文件（.npy）</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Sprite labels (.npy), or cancel for none</source>
        <translation>精灵图的标签文件（.npy），如无标签请点击取消</translation>
    </message>
    <message>
        <source>Stopped before the first step; nothing was written.</source>
        <translation>在第一步之前就已停止，没有写入任何文件。</translation>
    </message>
    <message>
        <source>Starting… %1 holds an earlier run, so this one is saved to %2.</source>
        <translation>正在开始… %1 保存着之前的一次运行，因此这次运行将保存到 %2。</translation>
    </message>
    <message>
        <source>The earlier run in %1 was left as it was.</source>
        <translation>%1 中之前的运行保持原样。</translation>
    </message>
    <message>
        <source>training images of %1: what the model learns to make</source>
        <translation>%1 的训练图像：模型要学习生成的内容</translation>
    </message>
    <message>
        <source>step %1 / %2   loss %3   paused</source>
        <translation>步 %1 / %2   损失 %3   已暂停</translation>
    </message>
    <message>
        <source>How long to train: steps, passes over the data set, or minutes</source>
        <translation>训练多久：步数、数据集的轮数，或分钟数</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Train until this many minutes have passed; the learning rate falls to zero over the time, so the run ends as a finished model, not a cut-off one</source>
        <translation>一直训练到过了这么多分钟；学习率在这段时间内降到零，所以训练结束时得到的是训练完成的模型，而不是被截断的模型</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>How the model learns: the noise schedule, the loss, the weight average, the warm-up; and how often the preview is judged</source>
        <translation>模型如何学习：噪声调度、损失、权重平均、预热；以及多久评判一次预览</translation>
    </message>
    <message>
        <source>recognised by the judge (%)</source>
        <translation>被评判器认出（%）</translation>
    </message>
    <message>
        <source>preview recognised (%)</source>
        <translation>预览被认出（%）</translation>
    </message>
    <message>
        <source>linear (the course)</source>
        <translation>线性（课程）</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>How fast noise is added over the 500 steps. Linear betas (the course) destroy the image early; the cosine schedule keeps more of it in the middle steps (Nichol &amp; Dhariwal 2021). Stored in the checkpoint: the model is always sampled with the schedule it learned.</source>
        <translation>在 500 步中加噪的快慢。线性 beta（课程）很早就破坏了图像；余弦调度在中间的时间步保留更多图像（Nichol 和 Dhariwal 2021）。调度保存在检查点中：模型总是按它学习时的调度采样。</translation>
    </message>
    <message>
        <source>plain MSE (the course)</source>
        <translation>普通均方误差（课程）</translation>
    </message>
    <message>
        <source>Min-SNR-γ weighted</source>
        <translation>Min-SNR-γ 加权</translation>
    </message>
    <message>
        <source>Plain MSE counts every timestep the same, so the nearly clean steps, easy and many, dominate. Min-SNR-γ (Hang et al. 2023) weights each step by min(SNR, γ)/SNR. The loss curve always shows the plain MSE, so runs compare.</source>
        <translation>普通均方误差对每个时间步一视同仁，于是数量众多、又很容易的几乎干净的时间步占了主导。Min-SNR-γ（Hang 等，2023）用 min(SNR, γ)/SNR 给每一步加权。损失曲线始终显示普通均方误差，便于比较不同的训练。</translation>
    </message>
    <message>
        <source>γ of Min-SNR: timesteps whose signal-to-noise ratio is above γ count less</source>
        <translation>Min-SNR 的 γ：信噪比高于 γ 的时间步权重更小</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Keep a moving average of the weights and sample with it: it smooths out the noise of the last steps. Its half-life is this share of the images seen so far (EDM&apos;s rule), so it suits a run of any length. The raw weights are kept too.</source>
        <translation>保存权重的滑动平均并用它采样：它能平滑最后几步的噪声。它的半衰期是目前已见图像数的这一比例（EDM 的规则），所以适合任何长度的训练。原始权重也会保存。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>Raise the learning rate from zero over these first steps, while Adam&apos;s estimates of the gradients settle</source>
        <translation>在最初这些步里把学习率从零逐渐升高，让 Adam 对梯度的估计先稳定下来</translation>
    </message>
    <message>
        <source>Input perturbation (DDPM-IP): make x_t with slightly wrong noise, as the sampler&apos;s own errors would, while the target stays the true noise</source>
        <translation>输入扰动（DDPM-IP）：用稍有偏差的噪声生成 x_t，就像采样器自身的误差那样，而目标仍是真实噪声</translation>
    </message>
    <message>
        <source>flips and shifts</source>
        <translation>翻转和平移</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Every N steps, sample five images of each class (DPM-Solver++, 12 steps, guidance 2) and let the data set&apos;s classifier say how many it recognises: the orange curve. About a second each.</source>
        <translation>每 N 步为每个类别采样五张图（DPM-Solver++，12 步，引导 2），让数据集的分类器说出它能认出多少：橙色曲线。每次大约一秒。</translation>
    </message>
    <message>
        <source>The course&apos;s recipe</source>
        <translation>课程的配方</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>Noise schedule</source>
        <translation>噪声调度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Min-SNR γ</source>
        <translation>Min-SNR γ</translation>
    </message>
    <message>
        <source>Weight average</source>
        <translation>权重平均</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>Input perturbation</source>
        <translation>输入扰动</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Judge the preview every</source>
        <translation>每隔多少步评判预览</translation>
    </message>
    <message>
        <source>A resumed checkpoint keeps the recipe it was trained with.</source>
        <translation>继续训练的检查点会沿用它训练时的配方。</translation>
    </message>
    <message>
        <source>Step %1: the judge recognises %2% of %3 preview samples as their class.</source>
        <translation>第 %1 步：评判器认出了 %3 个预览样本中的 %2%。</translation>
    </message>
    <message>
        <source>Width 64, batch 100, learning rate 0.001, plain MSE, linear schedule, no average, no warm-up: what the course trains</source>
        <translation>宽度 64、批量 100、学习率 0.001、普通均方误差、线性调度、无平均、无预热：课程训练的方式</translation>
    </message>
    <message>
        <source>The defaults, each measured against the course&apos;s recipe on the sprites (docs/training.md): a narrower network that takes three times as many steps, and only what helped</source>
        <translation>默认值，每一项都在精灵图上与课程的配方比较测量过（docs/training.md）：更窄的网络，同样的时间能走三倍的步数，并且只保留确实有帮助的做法</translation>
    </message>
    <message>
        <source>Stopped at step %1 without saving: the checkpoint could not be written.</source>
        <translation>已在第 %1 步停止，未保存：检查点无法写入。</translation>
    </message>
    <message>
        <source>Waiting: the checkpoint could not be written to %1. The model is kept in memory.</source>
        <translation>等待中：检查点无法写入 %1。模型保留在内存中。</translation>
    </message>
    <message>
        <source>The checkpoint could not be saved</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>%1

The training waits and keeps everything it has learned in memory. Save it to another file, on a disk with room, to go on; or stop the training without saving it.</source>
        <translation>%1

训练暂停等待，并把学到的一切保留在内存中。把它保存到另一个文件（放在有空间的磁盘上）即可继续；或者停止训练而不保存。</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>保存到别处…</translation>
    </message>
    <message>
        <source>Stop without saving</source>
        <translation>停止且不保存</translation>
    </message>
    <message>
        <source>Saving to %1…</source>
        <translation>正在保存到 %1…</translation>
    </message>
    <message>
        <source>Random horizontal flips and one-pixel shifts of the training images. Off by default: measured on the 935 emoji sprites, they cost about ten points of conditional accuracy</source>
        <translation>对训练图像随机水平翻转和一像素平移。默认关闭：在 935 张表情符号精灵图上实测，它们会使条件准确率降低约十个百分点</translation>
    </message>
    <message>
        <source>The share of training images shown without their class. On those the network learns the unconditional prediction, which classifier-free guidance pushes away from; the course drops one in ten. Fewer drops train the conditional model on more images, at some cost to guidance; at 1 the class is never seen and guidance does nothing.</source>
        <translation>训练图像中不带类别展示的比例。网络在这些图像上学习无条件预测，无分类器引导正是从它出发向外推；课程每十张丢弃一张。丢弃得越少，条件模型见到的图像越多，但引导会受些影响；为 1 时从不出现类别，引导不起作用。</translation>
    </message>
    <message>
        <source>Context dropout</source>
        <translation>上下文丢弃</translation>
    </message>
</context>
<context>
    <name>de::TransposeConvCanvas</name>
    <message>
        <source>input %1×%2</source>
        <translation>输入 %1×%2</translation>
    </message>
    <message>
        <source>kernel %1×%2</source>
        <translation>卷积核 %1×%2</translation>
    </message>
    <message>
        <source>full canvas %1×%2</source>
        <translation>完整画布 %1×%2</translation>
    </message>
    <message>
        <source>Dashed outline: the part of the full canvas kept as the output; the padding ring around it is cropped away.</source>
        <translation>虚线框：完整画布中作为输出保留的部分；其周围的一圈填充被裁掉。</translation>
    </message>
    <message>
        <source>zero-inserted, padded input</source>
        <translation>插零并填充后的输入</translation>
    </message>
    <message>
        <source>kernel rotated 180°</source>
        <translation>旋转 180° 后的卷积核</translation>
    </message>
    <message>
        <source>Grey: %1 zero(s) inserted between input cells (stride - 1) and a border of dilation×(kernel-1) - padding = %2 cell(s). The rotated kernel slides over it with stride 1.</source>
        <translation>灰色：输入单元格之间插入的 %1 个零（步幅 - 1），以及宽度为 膨胀×(卷积核尺寸-1) - 填充 = %2 个单元格的边框。旋转后的卷积核以步幅 1 在其上滑动。</translation>
    </message>
    <message>
        <source>input, flattened</source>
        <translation>展平后的输入</translation>
    </message>
    <message>
        <source>C is the matrix of the ordinary convolution with this kernel (one row per input cell). Each row of Cᵀ holds, for one output cell, the kernel weight that multiplies each input cell.</source>
        <translation>C 是用此卷积核做普通卷积时对应的矩阵（每个输入单元格一行）。Cᵀ 的每一行对应一个输出单元格，存放与每个输入单元格相乘的卷积核权重。</translation>
    </message>
    <message>
        <source>output %1×%2</source>
        <translation>输出 %1×%2</translation>
    </message>
    <message>
        <source>output %1×%2, coloured by overlaps (1 to %3)</source>
        <translation>输出 %1×%2，按重叠次数着色（1 到 %3）</translation>
    </message>
</context>
<context>
    <name>de::TransposeConvWidget</name>
    <message>
        <source>Click an input or kernel cell to type a new value; point at an output cell to see the products that make it.</source>
        <translation>点击输入或卷积核的单元格可输入新值；将指针指向输出单元格可查看构成它的各个乘积。</translation>
    </message>
    <message>
        <source>Scatter (PyTorch)</source>
        <translation>散布（PyTorch）</translation>
    </message>
    <message>
        <source>Equivalent direct convolution</source>
        <translation>等价的直接卷积</translation>
    </message>
    <message>
        <source>Matrix (Cᵀ × input)</source>
        <translation>矩阵（Cᵀ × 输入）</translation>
    </message>
    <message>
        <source>Three ways to compute the same output:
Scatter: each input cell stamps a scaled copy of the kernel onto the output.
Direct: insert zeros between input cells, pad, rotate the kernel and slide it.
Matrix: a convolution is a matrix C; the transposed convolution multiplies by Cᵀ.</source>
        <translation>计算同一输出的三种方式：
散布：每个输入单元格将按自身数值缩放的卷积核副本盖印到输出上。
直接：在输入单元格之间插入零、加填充、旋转卷积核并滑动它。
矩阵：卷积是一个矩阵 C；转置卷积就是乘以 Cᵀ。</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步（Home）</translation>
    </message>
    <message>
        <source>Step back (Left arrow)</source>
        <translation>后退一步（左方向键）</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放/暂停（空格键）</translation>
    </message>
    <message>
        <source>Step forward (Right arrow)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步（End）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Stop and go back to before the first step</source>
        <translation>停止并回到第一步之前</translation>
    </message>
    <message>
        <source>Drag to move through the steps</source>
        <translation>拖动以在各步之间移动</translation>
    </message>
    <message>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <source>Rows of the input (1 to 16)</source>
        <translation>输入的行数（1 到 16）</translation>
    </message>
    <message>
        <source>Columns of the input (1 to 16)</source>
        <translation>输入的列数（1 到 16）</translation>
    </message>
    <message>
        <source>Side of the square kernel (1 to 7)</source>
        <translation>正方形卷积核的边长（1 到 7）</translation>
    </message>
    <message>
        <source>Stride: how far apart, on the output, neighbouring input cells place their copy of the kernel. Stride 2 roughly doubles the size.</source>
        <translation>步幅：相邻输入单元格在输出上放置各自卷积核副本时相隔的距离。步幅为 2 时尺寸大约翻倍。</translation>
    </message>
    <message>
        <source>Padding: how many rows and columns are cut from each edge of the full result. In a transposed convolution padding makes the output smaller.</source>
        <translation>填充：从完整结果的每条边裁去多少行和列。在转置卷积中，填充会使输出变小。</translation>
    </message>
    <message>
        <source>Output padding: extra rows and columns added at the bottom and right, to pick one of the output sizes a strided convolution could have come from. Must be smaller than the stride or the dilation.</source>
        <translation>输出填充：在底部和右侧额外添加的行和列，用于在带步幅的卷积可能对应的多个原始尺寸中选定一个作为输出尺寸。必须小于步幅或膨胀。</translation>
    </message>
    <message>
        <source>Dilation: spacing between kernel cells (1 means adjacent).</source>
        <translation>膨胀（空洞）：卷积核单元格之间的间距（1 表示相邻）。</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Add one number to every output cell</source>
        <translation>给每个输出单元格加上同一个数</translation>
    </message>
    <message>
        <source>The bias added to every output cell</source>
        <translation>加到每个输出单元格上的偏置</translation>
    </message>
    <message>
        <source>Input &amp;rows</source>
        <translation>输入行数(&amp;R)</translation>
    </message>
    <message>
        <source>c&amp;olumns</source>
        <translation>列数(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Kernel</source>
        <translation>卷积核(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Stride</source>
        <translation>步幅(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Padding</source>
        <translation>填充(&amp;P)</translation>
    </message>
    <message>
        <source>O&amp;utput padding</source>
        <translation>输出填充(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Dilation</source>
        <translation>膨胀(&amp;D)</translation>
    </message>
    <message>
        <source>Random integers</source>
        <translation>随机整数</translation>
    </message>
    <message>
        <source>Fill the input and the kernel with small random integers</source>
        <translation>用较小的随机整数填充输入和卷积核</translation>
    </message>
    <message>
        <source>Ones</source>
        <translation>全 1</translation>
    </message>
    <message>
        <source>Fill the input and the kernel with ones: the output then counts the overlaps</source>
        <translation>将输入和卷积核全部填为 1：此时输出即为重叠次数</translation>
    </message>
    <message>
        <source>Course example (3×3, p=1, s=2)</source>
        <translation>课程示例（3×3，p=1，s=2）</translation>
    </message>
    <message>
        <source>The upsampling of a U-Net decoder: a 4×4 input becomes 8×8 with a 3×3 kernel, padding 1, stride 2 and output padding 1</source>
        <translation>U-Net 解码器中的上采样：4×4 输入经 3×3 卷积核、填充 1、步幅 2 和输出填充 1 变为 8×8</translation>
    </message>
    <message>
        <source>Overlap &amp;heat map</source>
        <translation>重叠热力图(&amp;H)</translation>
    </message>
    <message>
        <source>Colour each output cell by how many kernel placements touch it. Kernel 3 with stride 2 gives the checkerboard that makes transposed convolutions blotchy.</source>
        <translation>按覆盖每个输出单元格的卷积核放置次数为其着色。卷积核为 3、步幅为 2 时会出现棋盘格图案，这正是转置卷积结果斑驳不匀的原因。</translation>
    </message>
    <message>
        <source>PyTorch&apos;s output size: H_out = (H_in-1)×stride - 2×padding + dilation×(kernel-1) + output_padding + 1</source>
        <translation>PyTorch 的输出尺寸：H_out = (H_in-1)×stride - 2×padding + dilation×(kernel-1) + output_padding + 1</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>Press Play (Space) or step forward (→) to start.</source>
        <translation>按播放（空格键）或前进一步（→）开始。</translation>
    </message>
    <message>
        <source>Add the bias to every output cell: %1</source>
        <translation>给每个输出单元格加上偏置：%1</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>out[%1][%2] = 0: no kernel placement reaches this cell</source>
        <translation>out[%1][%2] = 0：没有任何一次卷积核放置覆盖到此单元格</translation>
    </message>
    <message numerus="yes">
        <source>out[%1][%2] = %3 = %4 = %5   (%n kernel placement(s) overlap here)</source>
        <translation>
            <numerusform>out[%1][%2] = %3 = %4 = %5   （此处有 %n 次卷积核放置重叠）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1   (the padding ring is removed: %2 row(s) and column(s) from each edge%3)</source>
        <translation>%1   （去掉外圈填充：每条边各 %2 行和 %2 列%3）</translation>
    </message>
    <message>
        <source>; output padding keeps %1 more row(s) and column(s) at the bottom and right</source>
        <translation>；输出填充在底部和右侧多保留 %1 行和 %1 列</translation>
    </message>
    <message>
        <source>Paint cells</source>
        <translation>画格子</translation>
    </message>
    <message>
        <source>Click or drag over input and kernel cells to set them to the value beside, instead of typing each one</source>
        <translation>在输入和卷积核的格子上单击或拖动，把它们设为旁边的值，而不必逐个输入</translation>
    </message>
    <message>
        <source>The value painted cells get</source>
        <translation>被画的格子得到的值</translation>
    </message>
    <message>
        <source>Checkerboard…</source>
        <translation>棋盘格…</translation>
    </message>
    <message>
        <source>Stack up to three of these layers and see how unevenly they reach the output cells, beside resize-then-convolve</source>
        <translation>把这种层最多叠加三层，看它们到达各输出格有多不均匀，并与先缩放再卷积对比</translation>
    </message>
    <message>
        <source>PyTorch code…</source>
        <translation>PyTorch 代码…</translation>
    </message>
    <message>
        <source>The code that builds this layer in PyTorch and checks it against an ordinary convolution</source>
        <translation>在 PyTorch 中构建这一层并与普通卷积核对的代码</translation>
    </message>
    <message>
        <source>Stacked transposed convolutions</source>
        <translation>叠加的转置卷积</translation>
    </message>
    <message>
        <source>This layer in PyTorch</source>
        <translation>这一层的 PyTorch 写法</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the script to the clipboard</source>
        <translation>把脚本复制到剪贴板</translation>
    </message>
    <message>
        <source>Runs as it is with PyTorch installed: `out` is this explorer&apos;s output, and the script checks that an ordinary convolution on the zero-inserted, padded input with the kernel turned 180° gives the same.</source>
        <translation>装好 PyTorch 即可直接运行：`out` 就是本程序的输出，脚本还会核对：对插零并填充后的输入、用旋转 180° 的卷积核做普通卷积，结果相同。</translation>
    </message>
</context>
<context>
    <name>de::UnetDiagram</name>
    <message>
        <source>Click a block to see its parameters and, after a generation, its activation maps</source>
        <translation>点击模块可查看其参数；生成之后还可查看其激活图</translation>
    </message>
    <message>
        <source>Open a checkpoint to see its model.</source>
        <translation>打开检查点即可查看其模型。</translation>
    </message>
    <message>
        <source>%1 · %2 params</source>
        <translation>%1 · %2 个参数</translation>
    </message>
    <message>
        <source>solid: main path   dashed: skip connections   dotted: time and context embeddings</source>
        <translation>实线：主路径   虚线：跳跃连接   点线：时间与上下文嵌入</translation>
    </message>
</context>
</TS>
