import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { STRUCTURED_LOG_STYLES, type StructuredLogStyle } from '../src/core/catalogs/loggers.js';
import { classifyLogCall, isDiagnosticLevel, isFieldLoggerLibrary, isStringOnlyLogCall, offersStructuredForm, loggerLibraryOfImport, matchesFileGlobs, mayBeLogCall, structuredMessage, isConstantMessage, isKeyValueMessage, type LogCallMatch, type MessagePart } from '../src/core/classify/log.js';
import { isStartupFunctionName } from '../src/core/classify/code-context.js';
import { DIAGNOSTIC_HELPER_WORDS } from '../src/core/catalogs/loggers.js';
import { nameParts, packageNameOf } from '../src/core/classify/names.js';
import { isFunction, type FunctionNode } from '../src/eslint/ast.js';
import { functionName, isBrowserFile, outsideRequestPath } from '../src/eslint/code-context.js';
import { createRule } from '../src/eslint/create-rule.js';
import { buildChain, chainNames, dottedName, importSourceOf, isOutermostChain, skipWrappers } from '../src/eslint/facts.js';
import { declaresFieldsParameter, holdsFewFixedValues, inDevelopmentOnlyBranch, inProcessExitingFunction, inVerbosityBranch, isStringOnlyMethod, packageLogging } from '../src/eslint/logs.js';
import { enclosingClass, importedModuleOf } from '../src/eslint/bindings.js';
import { settingsOf } from '../src/eslint/settings.js';
import { runsOnceAtStartup } from '../src/eslint/startup.js';
import { resolverFor, typedContext, type TypedContext } from '../src/eslint/typed.js';

export type Options = [
  {
    /** Report `console.*` calls outside the files of `allowConsoleIn`. */
    checkConsole?: boolean;
    /** Report messages built by interpolation or concatenation. */
    checkMessages?: boolean;
    /** Globs (relative to the working directory) of files where `console` is fine. */
    allowConsoleIn?: string[];
  },
];
export type MessageId = 'consoleInServerCode' | 'interpolatedMessage' | 'useStructuredForm';

export const DEFAULT_CONSOLE_FILES = [
  '**/scripts/**',
  '**/bin/**',
  '**/migrations/**',
  '**/seeds/**',
  '**/seeders/**',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/test-utils/**',
  '**/*-test-utils/**',
  '**/*.{test,spec}.{ts,tsx,js,jsx,mts,mjs,cts,cjs}',
  '**/*.config.{ts,js,mts,mjs,cts,cjs}',
];

interface MessageArgument {
  readonly node: TSESTree.Expression;
  readonly position: number;
  readonly how: 'interpolation' | 'concatenation';
  readonly parts: readonly (MessagePart & { readonly node?: TSESTree.Node })[];
}

export default createRule<Options, MessageId>({
  name: 'prefer-structured-logging',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce structured log calls: a logger instead of console, a constant message plus a context object',
    },
    hasSuggestions: true,
    messages: {
      consoleInServerCode: "'{{callee}}' writes unstructured text without a level or fields, which log pipelines cannot filter or parse. Use the application's logger (pino, winston, NestJS Logger).",
      interpolatedMessage: "Log message of '{{callee}}' is built by {{how}}, so every line differs and cannot be grouped or queried by field. Log a constant message and put the values in a context object.",
      useStructuredForm: 'Rewrite as {{form}}.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkConsole: { type: 'boolean', description: 'Report console.log/info/warn/error/debug/trace calls in server code.' },
          checkMessages: { type: 'boolean', description: 'Report log messages built with template literals or string concatenation.' },
          allowConsoleIn: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Globs, relative to the working directory, of files where console output is fine (scripts, tests, migrations); replaces the default list.',
          },
        },
      },
    ],
    defaultOptions: [{ checkConsole: true, checkMessages: true, allowConsoleIn: DEFAULT_CONSOLE_FILES }],
  },
  create(context, [options]) {
    const settings = settingsOf(context);
    const typed = typedContext(context);
    const { sourceCode } = context;
    const consoleAllowed = matchesFileGlobs(path.relative(context.cwd, context.filename), options.allowConsoleIn ?? DEFAULT_CONSOLE_FILES);
    const messages: { node: TSESTree.CallExpression; match: LogCallMatch; message: MessageArgument; declaresFields: boolean; inherited: boolean }[] = [];
    const consoleCalls: { node: TSESTree.CallExpression; callee: string }[] = [];
    /** The file writes through a logger somewhere: its `console` calls are slips, whatever the package says. */
    let usesLogger = false;
    /** Log calls through a logger (not `console`) seen so far. */
    const loggerCalls = new Set<TSESTree.CallExpression>();
    /** The argument order the file's structured log calls already use, for loggers of unknown library. */
    let fileStyle: StructuredLogStyle | undefined;
    /** Logger libraries the file imports. */
    const imported = new Set<string>();
    /** Names the file imports from `react`. */
    /** The file formats its output for a terminal's width: it writes for a person at a terminal. */
    const writesForTerminal = sourceCode.text.includes('process.stdout.columns');

    function check(node: TSESTree.CallExpression): void {
      if (!isOutermostChain(node)) return;
      const names = chainNames(node);
      if (!mayBeLogCall(names)) return;
      const info = buildChain(node, { sourceCode, typed });
      const match = classifyLogCall(info.fact, settings, resolverFor(typed, info.nodes));
      if (match === undefined || match.method === 'child') return;
      if (match.isConsole) {
        if (options.checkConsole !== false && !consoleAllowed && !isOutsideServing(node, 'console') && !copiesLoggedValue(node) && !allowsConsoleByComment(node)) consoleCalls.push({ node, callee: match.calleeText });
        return;
      }
      usesLogger = true;
      loggerCalls.add(node);
      fileStyle ??= observedStyle(node);
      if (options.checkMessages === false || isOutsideServing(node, 'message')) return;
      // A logger whose API takes a message string only has no structured form to ask for.
      if (isStringOnlyLogCall(info.fact) || (typed !== undefined && isStringOnlyMethod(node.callee, typed))) return;
      const message = messageArgument(node, match.method, { sourceCode: context.sourceCode, typed });
      if (message !== undefined) messages.push({ node, match, message, declaresFields: typed !== undefined && declaresFieldsParameter(node.callee, typed), inherited: inheritedFromProjectClass(node.callee) });
    }

    /**
     * Code that serves no request and writes for the person at the terminal: a CLI, dev tooling,
     * an example, start-up and shutdown (`bootstrap()`, `onModuleInit`, `process.on('SIGTERM')`,
     * module top level, a constructor, a one-time initialisation such as a singleton's `start()`
     * after its `if (instance) return` guard, and private helpers only they call) and
     * development-only branches. Background workers stay in scope: their
     * lines go to the same log pipeline. So do packages without a server framework of their own for
     * built messages of a known logger (in a monorepo they are mostly the server's libraries); but
     * such a package (a client SDK, a UI bundle, a parser) has no application logger to use instead
     * of `console`, so its console output is the library's own choice. Opt-in diagnostics
     * (`if (options.verbose)`) and functions that end the process (a command's `process.exit`)
     * write for a developer or an operator too.
     */
    function isOutsideServing(node: TSESTree.Node, kind: 'console' | 'message'): boolean {
      if (writesForTerminal || isLoggerImplementation(node) || inVerbosityBranch(node, sourceCode) || inProcessExitingFunction(node, sourceCode)) return true;
      const reason = outsideRequestPath(context, node);
      if (reason === 'not a server package' && kind === 'console') return true;
      if (reason === 'background worker' || reason === 'not a server package') return inDevelopmentOnlyBranch(node, sourceCode) || inStartupFunction(node) || runsOnceAtStartup(node, sourceCode) !== undefined;
      return reason !== undefined || inGracefulShutdown(node) || runsOnceAtStartup(node, sourceCode) !== undefined;
    }

    /**
     * `console` as the output of a logger or a diagnostic helper the code defines: inside the nearest
     * named function, when its name is a log level (`info(msg) { console.info(msg) }`,
     * `{ warn: (m) => console.warn(m) }`, `function log(…)`), starts with the verb log (`logError`,
     * `log_error`, `logUnauthorizedAccess`: the project's own logging helper) or says it debugs or traces (`debugCatch`,
     * `namedTrace`; not `extractRequestForLogging`, which prepares a log line). That is where such a helper writes, not a stray log call.
     */
    function isLoggerImplementation(node: TSESTree.Node): boolean {
      if (!dottedName(node).startsWith('console.')) return false;
      for (let current: TSESTree.Node | undefined = node.parent; current != null; current = current.parent) {
        if (!isFunction(current)) continue;
        const name = functionName(current);
        if (name === undefined) continue;
        const parts = nameParts(name);
        return /^(?:log|info|warn|error|debug|trace|fatal|verbose|silly|http)$/.test(name) || (namedLogHelper(parts) && !isMiddleware(current)) || parts.some((part) => (DIAGNOSTIC_HELPER_WORDS as readonly string[]).includes(part));
      }
      return false;
    }

    /** `logError`, `log_error`, `logUnauthorizedAccess`: the verb log and what it logs; not `logIn` / `logOut`. */
    function namedLogHelper(parts: readonly string[]): boolean {
      return parts[0] === 'log' && parts.length > 1 && parts[1] !== 'in' && parts[1] !== 'out';
    }

    /**
     * A request middleware (`logRequest(req, res, next)`, Express's `logErrors(err, req, res, next)`), known
     * by its parameters' names: its console lines are request logs, which a structured logger should write.
     */
    function isMiddleware(fn: FunctionNode): boolean {
      const names = fn.params.map((param) => (param.type === AST_NODE_TYPES.Identifier ? param.name : ''));
      // `next`, or a request beside a response; `logError(error, context?: string)` is no middleware.
      return names.includes('next') || (names.some((name) => /^(?:req|request)$/.test(name)) && names.some((name) => /^(?:res|response|reply)$/.test(name)));
    }

    /**
     * A `console` line right after a logger call that logs the same caught error (`ctx.logger.error({
     * error: String(err) }); console.log('Signing failed', err)`): a deliberate raw copy of an error
     * object the logger may not serialise, not a stray log call.
     */
    function copiesLoggedValue(node: TSESTree.CallExpression): boolean {
      const statement = node.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program)) return false;
      const siblings: readonly TSESTree.Node[] = statement.parent.body;
      const previous = siblings[siblings.indexOf(statement) - 1];
      const call = previous?.type === AST_NODE_TYPES.ExpressionStatement ? skipWrappers(previous.expression) : undefined;
      if (call?.type !== AST_NODE_TYPES.CallExpression || !loggerCalls.has(call)) return false;
      const loggedText = call.arguments.map((argument) => sourceCode.getText(argument)).join(' ');
      const caught = caughtErrorName(node);
      return caught !== undefined && node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === caught && new RegExp(`\\b${argument.name.replaceAll('$', '\\$')}\\b`).test(loggedText));
    }

    /**
     * The code states that this `console` is deliberate: an `eslint-disable` (or oxlint's) of the
     * core `no-console` rule covers it, on its line, the line before, or a block left open above it.
     */
    function allowsConsoleByComment(node: TSESTree.Node): boolean {
      const line = node.loc.start.line;
      let blockOpen = false;
      for (const comment of sourceCode.getAllComments()) {
        if (comment.loc.start.line > line) break;
        const directive = /^\s*(?:eslint|oxlint)-(disable|enable)(-next-line|-line)?\b(.*)$/s.exec(comment.value);
        if (directive === null || !/\bno-console\b/.test(directive[3] ?? '')) continue;
        if (directive[2] === '-next-line' && comment.loc.end.line === line - 1) return true;
        if (directive[2] === '-line' && comment.loc.start.line === line) return true;
        if (directive[2] === undefined) blockOpen = directive[1] === 'disable';
      }
      return blockOpen;
    }

    /** Inside the callback of `close-with-grace` (`closeWithGrace(options, async ({ signal }) => …)`): it runs once, at shutdown. */
    function inGracefulShutdown(node: TSESTree.Node): boolean {
      for (let current = node.parent; current != null; current = current.parent) {
        if (!isFunction(current) || current.parent.type !== AST_NODE_TYPES.CallExpression) continue;
        const callee = current.parent.callee;
        if (callee.type === AST_NODE_TYPES.Identifier && importSourceOf(callee, sourceCode) === 'close-with-grace') return true;
      }
      return false;
    }

    /**
     * `this.logger.info(…)` in a class that declares no `logger` of its own and extends a class imported
     * from the project: the logger is the base class's, declared in another file.
     */
    function inheritedFromProjectClass(callee: TSESTree.Node): boolean {
      const names = chainNames(callee);
      if (names[0] !== 'this' || names.length < 3) return false;
      const member = names[1] ?? '';
      // The class whose `this` the call reads (not a plain function's own `this` inside it).
      const owner = enclosingClass(callee);
      if (owner === undefined) return false;
      const declares = owner.body.body.some((element) =>
        ((element.type === AST_NODE_TYPES.PropertyDefinition || element.type === AST_NODE_TYPES.MethodDefinition || element.type === AST_NODE_TYPES.AccessorProperty) && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === member) ||
        (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && element.value.params.some((param) => param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === member)));
      if (declares) return false;
      const base = owner.superClass;
      if (base?.type !== AST_NODE_TYPES.Identifier) return false;
      const source = importedModuleOf(base, sourceCode);
      return source !== undefined && packageNameOf(source) === undefined;
    }

    /** For a logger of unknown library: the one logger library the file imports, else the file's habit, else pino's order. */
    function styleOf(match: LogCallMatch): StructuredLogStyle {
      if (match.library !== 'unknown') return STRUCTURED_LOG_STYLES[match.library];
      const [only] = imported;
      if (imported.size === 1 && only !== undefined) return STRUCTURED_LOG_STYLES[only as keyof typeof STRUCTURED_LOG_STYLES];
      return fileStyle ?? STRUCTURED_LOG_STYLES.unknown;
    }

    return {
      ImportDeclaration(node) {
        const names = node.specifiers.map((specifier) => (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.local.name));
        const library = loggerLibraryOfImport(node.source.value, names);
        if (library !== undefined) imported.add(library);
      },
      CallExpression: check,
      'Program:exit'() {
        const logging = packageLogging(context.filename);
        // `console` is a slip where a logger is at hand: the file uses or imports one, or its package depends on one.
        // A browser's console (a client component) and a package without a logger are no place to ask for one.
        // Where the only logger is NestJS's text logger, moving a line from console to it gains no structure.
        const onlyNestTextLogger = logging.nestPrintsText && logging.otherLoggerAtHand === false && [...imported].every((library) => library === 'nestjs');
        if (!isBrowserFile(context) && !onlyNestTextLogger && (usesLogger || imported.size > 0 || logging.loggerAtHand !== false)) {
          for (const { node, callee } of consoleCalls) context.report({ node, messageId: 'consoleInServerCode', data: { callee }, suggest: [] });
        }
        const importsFieldLogger = [...imported].some((library) => isFieldLoggerLibrary(library as LogCallMatch['library']));
        for (const { node, match, message, declaresFields, inherited } of messages) {
          // A diagnostic-level trace (`logger.debug(\`loaded ${n} rows\`)`) is off in production: no rewrite to ask for.
          if (isDiagnosticLevel(logLevelOf(node, match.method))) continue;
          // NestJS's Logger (the call's, or the one logger library the file imports) writes text lines unless the
          // package shows a structured backend behind it: there a message with its values is that logger's idiom.
          if (!logging.nestStructured && (match.library === 'nestjs' || (match.library === 'unknown' && imported.size === 1 && imported.has('nestjs')))) continue;
          // Ask for the structured form only where the logger is shown to have one.
          // A logger the class inherits from a project class of another file (`this.logger` of `extends ChannelStartupService`)
          // is that class's: a logger library the file imports for something else says nothing of it.
          if (!offersStructuredForm(match.library, { importsFieldLogger: importsFieldLogger && !inherited, fileLogsFields: fileStyle !== undefined, declaresFieldsParameter: declaresFields })) continue;
          const style = styleOf(match);
          const rewrite = structuredRewrite(node, message, style, sourceCode);
          context.report({
            node: message.node,
            messageId: 'interpolatedMessage',
            data: { callee: match.calleeText, how: message.how },
            suggest: rewrite === undefined ? [] : [{ messageId: 'useStructuredForm', data: { form: rewrite.form }, fix: rewrite.fix }],
          });
        }
      },
    };
  },
});

/** Inside a function named for start-up (`defineJob`, `startCron`, `bootstrap`), in any file: a worker's set-up prints once too. */
function inStartupFunction(node: TSESTree.Node): boolean {
  for (let current = node.parent; current != null; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name !== undefined && isStartupFunctionName(name)) return true;
  }
  return false;
}

/** The name of the error caught by the nearest `catch (name)` around a node. */
function caughtErrorName(node: TSESTree.Node): string | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunction(current)) return undefined;
    if (current.type === AST_NODE_TYPES.CatchClause) return current.param?.type === AST_NODE_TYPES.Identifier ? current.param.name : undefined;
  }
  return undefined;
}

function isStringLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

/** `(context, 'message')` or `('message', context)` when a call already has that shape. */
function observedStyle(node: TSESTree.CallExpression): StructuredLogStyle | undefined {
  const [first, second] = node.arguments.map((argument) => skipWrappers(argument));
  if (first === undefined || second === undefined) return undefined;
  if (first.type === AST_NODE_TYPES.ObjectExpression && isStringLiteral(second)) return 'context-first';
  if (isStringLiteral(first) && second.type === AST_NODE_TYPES.ObjectExpression) return 'context-last';
  return undefined;
}

function valuePart(node: TSESTree.Node, ctx: PartContext): MessagePart & { node: TSESTree.Node } {
  const expression = skipWrappers(node);
  const names = expression.type === AST_NODE_TYPES.Identifier || expression.type === AST_NODE_TYPES.MemberExpression ? chainNames(expression) : undefined;
  const finite = holdsFewFixedValues(expression, ctx.sourceCode, ctx.typed) ? { finite: true } : {};
  return names === undefined || names.includes('') ? { kind: 'value', node, ...finite } : { kind: 'value', names, node, ...finite };
}

interface PartContext {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly typed: TypedContext | undefined;
}

/** The pieces of a template literal or a `+` chain, left to right. */
function messageParts(node: TSESTree.Node, ctx: PartContext): (MessagePart & { node?: TSESTree.Node })[] {
  const expression = skipWrappers(node);
  if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
    return expression.quasis.flatMap((quasi, index) => {
      const text: MessagePart = { kind: 'text', text: quasi.value.cooked ?? quasi.value.raw };
      const value = expression.expressions[index];
      return value === undefined ? [text] : [text, valuePart(value, ctx)];
    });
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
    return [...messageParts(expression.left, ctx), ...messageParts(expression.right, ctx)];
  }
  if (expression.type === AST_NODE_TYPES.Literal && (typeof expression.value === 'string' || typeof expression.value === 'number')) {
    return [{ kind: 'text', text: String(expression.value) }];
  }
  return [valuePart(node, ctx)];
}


/**
 * The argument that holds the call's message when it is built: a template literal with
 * expressions, or a `+` chain that joins string literals and values. Only the first two arguments
 * can hold a message (`logger.info(ctx, msg)`, `logger.log('info', msg)`).
 */
function messageArgument(node: TSESTree.CallExpression, method: string, ctx: PartContext): MessageArgument | undefined {
  for (const [position, argument] of node.arguments.slice(0, 2).entries()) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const expression = skipWrappers(argument);
    if (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length > 0) {
      const parts = messageParts(argument, ctx);
      return isConstantMessage(parts) || isKeyValueMessage(parts) ? undefined : { node: argument, position, how: 'interpolation', parts };
    }
    if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === '+') {
      const parts = messageParts(argument, ctx);
      const hasText = parts.some((part) => part.kind === 'text' && part.text.trim().length > 0);
      if (hasText && parts.some((part) => part.kind === 'value') && !isConstantMessage(parts)) return { node: argument, position, how: 'concatenation', parts };
    }
    // winston's `logger.log('info', message)`: the first string is the level.
    if (isStringLiteral(expression) && !(position === 0 && method === 'log')) return undefined;
  }
  return undefined;
}

/** The level a call logs at: its method, or for winston's `logger.log('debug', …)` / `logger.log({ level: 'debug', … })` the level it names. */
function logLevelOf(node: TSESTree.CallExpression, method: string): string {
  if (method !== 'log') return method;
  const first = node.arguments[0];
  if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') return first.value;
  if (first?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of first.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'level' &&
        property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'string') return property.value.value;
    }
  }
  return method;
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Adds fields to an object literal: `{}` → `{ a }`, `{ x }` → `{ x, a }`. */
function mergeInto(fixer: TSESLint.RuleFixer, object: TSESTree.ObjectExpression, fields: string): TSESLint.RuleFix {
  const last = object.properties.at(-1);
  return last === undefined ? fixer.replaceText(object, `{ ${fields} }`) : fixer.insertTextAfter(last, `, ${fields}`);
}

/**
 * The library's structured form of a call whose message is built, when the call's other
 * arguments leave no doubt about where the context goes; undefined otherwise (an error or extra
 * format arguments beside the message).
 */
function structuredRewrite(
  node: TSESTree.CallExpression,
  message: MessageArgument,
  style: StructuredLogStyle,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { form: string; fix: TSESLint.ReportFixFunction } | undefined {
  const structured = structuredMessage(message.parts);
  if (structured.message === '') return undefined;
  const values = message.parts.flatMap((part) => (part.kind === 'value' && part.node !== undefined ? [sourceCode.getText(part.node)] : []));
  const fields = structured.keys.map((key, index) => (key === values[index] ? key : `${key}: ${values[index] ?? ''}`)).join(', ');
  const text = quote(structured.message);
  const args = node.arguments.map((argument) => skipWrappers(argument));
  const before = args.slice(0, message.position);
  const after = args.slice(message.position + 1);
  const objectAt = (argument: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined => (argument?.type === AST_NODE_TYPES.ObjectExpression ? argument : undefined);
  switch (style) {
    case 'context-first': {
      if (after.length > 0) return undefined;
      const existing = objectAt(before[0]);
      if (before.length === 0) return { form: `({ ${fields} }, ${text})`, fix: (fixer) => fixer.replaceText(message.node, `{ ${fields} }, ${text}`) };
      if (before.length === 1 && existing !== undefined) {
        return { form: `({ …, ${fields} }, ${text})`, fix: (fixer) => [mergeInto(fixer, existing, fields), fixer.replaceText(message.node, text)] };
      }
      return undefined;
    }
    case 'context-last': {
      if (before.some((argument) => !isStringLiteral(argument))) return undefined;
      const existing = objectAt(after[0]);
      if (after.length === 0) return { form: `(${text}, { ${fields} })`, fix: (fixer) => fixer.replaceText(message.node, `${text}, { ${fields} }`) };
      if (after.length === 1 && existing !== undefined) {
        return { form: `(${text}, { …, ${fields} })`, fix: (fixer) => [fixer.replaceText(message.node, text), mergeInto(fixer, existing, fields)] };
      }
      return undefined;
    }
    case 'message-in-context': {
      if (before.length > 0 || after.some((argument) => !isStringLiteral(argument) && argument.type !== AST_NODE_TYPES.MemberExpression)) return undefined;
      const object = `{ message: ${text}, ${fields} }`;
      return { form: `(${object})`, fix: (fixer) => fixer.replaceText(message.node, object) };
    }
  }
}
