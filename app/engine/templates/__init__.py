"""All computed-question templates, in a stable order (spec order, then extras)."""

from __future__ import annotations

from app.engine.base import Template
from app.engine.templates import activations as act
from app.engine.templates import (
    adam,
    attention,
    batch_norm,
    clipping,
    decoding,
    detection,
    distributed,
    epochs,
    generative,
    likelihood,
    llm_sizes,
    norms,
    sizes,
    stability,
    training,
    vision,
)
from app.engine.templates import architecture as arch
from app.engine.templates import convolution as conv
from app.engine.templates import losses as loss
from app.engine.templates import networks as net
from app.engine.templates import optimisers as opt
from app.engine.templates import parameters as par
from app.engine.templates import transformer_params as tfp

ALL_TEMPLATES: tuple[Template, ...] = (
    sizes.CONV_OUTPUT_SIZE,
    sizes.POOL_OUTPUT_SIZE,
    sizes.SAME_PADDING,
    epochs.ITERATIONS_PER_EPOCH,
    epochs.TOTAL_ITERATIONS,
    conv.CONV2D,
    conv.ELEMENTWISE_PRODUCT,
    act.ACTIVATION,
    act.SOFTMAX,
    par.DENSE_PARAMS,
    par.CONV_PARAMS,
    par.LSTM_PARAMS,
    par.GRU_PARAMS,
    opt.GD_STEP,
    opt.WEIGHT_DECAY_STEP,
    adam.ADAM_STEP,
    batch_norm.BATCH_NORM,
    loss.MSE_LOSS,
    loss.CROSS_ENTROPY,
    loss.DROPOUT_SCALE,
    clipping.CLIP_GRAD_NORM,
    net.MLP_FORWARD,
    net.BACKPROP_GRAD,
    # extras beyond the core spec
    arch.RECEPTIVE_FIELD,
    arch.CNN_PARAMS,
    stability.LR_DIVERGENCE,
    # the 2026 bank (SPEC §9), in the order of its table
    attention.ATTENTION_OUTPUT,
    tfp.MHA_PARAMS,
    tfp.TRANSFORMER_LAYER_PARAMS,
    llm_sizes.GPT_PARAMS,
    llm_sizes.KV_CACHE_BYTES,
    tfp.LORA_PARAMS,
    training.TRAINING_FLOPS,
    distributed.ZERO_MEMORY_BYTES,
    norms.LAYER_NORM,
    norms.RMS_NORM,
    decoding.SOFTMAX_TEMPERATURE,
    decoding.TOP_P_TOKENS,
    likelihood.PERPLEXITY,
    likelihood.LABEL_SMOOTHING_CE,
    detection.BOX_IOU,
    detection.PRECISION_RECALL_F1,
    training.WARMUP_COSINE_LR,
    vision.CONV_TRANSPOSE_OUTPUT_SIZE,
    vision.DEPTHWISE_SEPARABLE_PARAMS,
    generative.VAE_KL,
    generative.DDPM_ALPHA_BAR,
    distributed.RING_ALLREDUCE_BYTES,
)
