// Public surface of the condition evaluator.

export {
  OPERATORS,
  OPERATOR_NAMES,
  SET_QUALIFIERS,
  getOperator,
  operatorSpellings,
  parseOperator,
  operatorProblem,
} from './operators';
export type { ValueType, Comparison, ComparisonPhrase, OperatorDescriptor, SetQualifier, ParsedOperator } from './operators';

export {
  parseNumeric,
  compareDecimal,
  parseDate,
  parseBool,
  isBase64,
  parseIpAddress,
  parseIpBlock,
  ipInBlock,
} from './values';
export type { Decimal, IpAddress, IpBlock } from './values';

export { compileCondition, evaluateConditionBlock, explainConditionBlock } from './evaluate';
export type { CompiledCondition, ConditionTrace, CompileConditionOptions } from './evaluate';
