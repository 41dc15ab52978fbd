/**
 * Work per tfjs kernel, counted from its input and output shapes (what tf.profile() reports for
 * every kernel): floating-point operations and bytes read + written. One registry, keyed by the
 * kernel name tfjs uses; a kernel missing from it is reported as uncounted, never as free.
 *
 * Conventions (those of roofline analyses, Williams, Waterman & Patterson 2009, CACM 52(4)):
 * a multiply-add is 2 FLOPs; an elementwise op is 1 FLOP per output element (transcendentals
 * included); a reduction is 1 FLOP per input element; data movement (reshape, gather, concat,
 * transpose…) is 0 FLOPs. Bytes assume 4-byte elements (float32 / int32, tfjs's working types);
 * views that move no data (Reshape, Identity, ExpandDims, Squeeze) move 0 bytes.
 */

export interface KernelShapes {
  readonly name: string;
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShapes: readonly (readonly number[])[];
}

const size = (shape: readonly number[] | undefined): number => (shape ?? []).reduce((n, d) => n * d, 1);
const sum = (shapes: readonly (readonly number[])[]): number => shapes.reduce((n, s) => n + size(s), 0);
const at = (shape: readonly number[] | undefined, fromEnd: number): number => shape?.[shape.length - fromEnd] ?? 1;

/** 2·batch·M·N·K for out [..., M, N]; K from a's last two dims (transposes do not change M·K). */
function matMulFlops(k: KernelShapes): number {
  const out = k.outputShapes[0];
  const a = k.inputShapes[0];
  const m = at(out, 2);
  const n = at(out, 1);
  const kDim = (at(a, 1) * at(a, 2)) / m;
  const batch = size(out) / (m * n);
  return 2 * batch * m * n * kDim;
}

/** Conv2D forward: 2·(output elements)·kh·kw·Cin, filter [kh, kw, Cin, Cout]. */
const convForward = (k: KernelShapes): number => {
  const filter = k.inputShapes[1];
  return 2 * size(k.outputShapes[0]) * at(filter, 4) * at(filter, 3) * at(filter, 2);
};
/** Both gradients cost what the forward did: 2·(dy elements)·kh·kw·Cin. */
const convBackpropInput = (k: KernelShapes): number => {
  const [dy, filter] = k.inputShapes;
  return 2 * size(dy) * at(filter, 4) * at(filter, 3) * at(filter, 2);
};
const convBackpropFilter = (k: KernelShapes): number => {
  const dy = k.inputShapes[1];
  const filter = k.outputShapes[0];
  return 2 * size(dy) * at(filter, 4) * at(filter, 3) * at(filter, 2);
};
/** Depthwise: 2·(output elements)·kh·kw, filter [kh, kw, Cin, multiplier]. */
const depthwise = (k: KernelShapes): number => {
  const filter = k.inputShapes[1];
  return 2 * size(k.outputShapes[0]) * at(filter, 4) * at(filter, 3);
};

const perOutput = (flopsPerElement: number) => (k: KernelShapes): number => flopsPerElement * sum(k.outputShapes);
const perInput = (k: KernelShapes): number => size(k.inputShapes[0]);
const none = (): number => 0;

type Cost = (k: KernelShapes) => number;

const ELEMENTWISE = [
  'Abs', 'Acos', 'Add', 'AddV2', 'Asin', 'Atan', 'Atan2', 'Ceil', 'ClipByValue', 'Cos', 'Cosh', 'Elu', 'EluGrad', 'Equal', 'Erf', 'Exp',
  'Expm1', 'Floor', 'FloorDiv', 'Greater', 'GreaterEqual', 'IsNan', 'LeakyRelu', 'Less', 'LessEqual', 'Log', 'Log1p', 'LogicalAnd',
  'LogicalNot', 'LogicalOr', 'Maximum', 'Minimum', 'Mod', 'Multiply', 'Mul', 'Neg', 'NotEqual', 'Pow', 'Prelu', 'RealDiv', 'Div',
  'Reciprocal', 'Relu', 'Relu6', 'Round', 'Rsqrt', 'Select', 'Selu', 'Sigmoid', 'Sign', 'Sin', 'Sinh', 'Softplus', 'Sqrt', 'Square',
  'Step', 'Sub', 'Tan', 'Tanh',
] as const;
const REDUCTIONS = ['All', 'Any', 'ArgMax', 'ArgMin', 'Max', 'Mean', 'Min', 'Prod', 'Sum'] as const;
/** Data movement and bookkeeping: no arithmetic. */
const MOVES = [
  'BroadcastTo', 'Cast', 'Concat', 'Fill', 'GatherNd', 'GatherV2', 'MirrorPad', 'OneHot', 'OnesLike', 'Pack', 'PadV2', 'Range', 'Reverse',
  'ScatterNd', 'Slice', 'SplitV', 'StridedSlice', 'Tile', 'Transpose', 'Unpack', 'ZerosLike',
] as const;
/** Views: tfjs changes the shape, not the data. */
export const VIEWS = ['ExpandDims', 'Identity', 'Reshape', 'Squeeze'] as const;

export const KERNEL_FLOPS: Readonly<Record<string, Cost>> = {
  ...Object.fromEntries(ELEMENTWISE.map((name) => [name, perOutput(1)])),
  ...Object.fromEntries(REDUCTIONS.map((name) => [name, perInput])),
  ...Object.fromEntries(MOVES.map((name) => [name, none])),
  ...Object.fromEntries(VIEWS.map((name) => [name, none])),
  AddN: (k) => Math.max(0, k.inputShapes.length - 1) * sum(k.outputShapes),
  SquaredDifference: perOutput(2),
  BatchMatMul: matMulFlops,
  MatMul: matMulFlops,
  _FusedMatMul: (k) => matMulFlops(k) + 2 * sum(k.outputShapes),
  Conv2D: convForward,
  FusedConv2D: (k) => convForward(k) + 2 * sum(k.outputShapes),
  Conv2DBackpropInput: convBackpropInput,
  Conv2DBackpropFilter: convBackpropFilter,
  DepthwiseConv2dNative: depthwise,
  FusedDepthwiseConv2D: (k) => depthwise(k) + 2 * sum(k.outputShapes),
  MaxPool: perInput,
  AvgPool: perInput,
  MaxPoolGrad: (k) => Math.max(...k.inputShapes.map(size)),
  AvgPoolGrad: (k) => Math.max(...k.inputShapes.map(size)),
  // max, subtract, exp, sum, divide (or log): five passes over the logits.
  Softmax: perOutput(5),
  logSoftmax__op: perOutput(5),
  LogSoftmax: perOutput(5),
  UnsortedSegmentSum: perInput,
  BiasAdd: perOutput(1),
  FusedBatchNorm: perOutput(4),
};

export const BYTES_PER_ELEMENT = 4;

/** Bytes a kernel reads and writes; 0 for views. */
export function kernelBytes(k: KernelShapes): number {
  if ((VIEWS as readonly string[]).includes(k.name)) return 0;
  return BYTES_PER_ELEMENT * (sum(k.inputShapes) + sum(k.outputShapes));
}

/** FLOPs of a kernel, or null when the registry does not know it. */
export function kernelFlops(k: KernelShapes): number | null {
  const cost = KERNEL_FLOPS[k.name];
  return cost ? cost(k) : null;
}
