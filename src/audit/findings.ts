/**
 * The audit's plain data: findings, call chains, routes and the layer graph. Checks produce it,
 * reporters print it; nothing here analyses or prints.
 */

export type Severity = 'error' | 'warning';

/** One step of the path that proves a project-wide finding. */
export interface ChainStep {
  /** Path relative to the audited root, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `loop`, a function (`UserService.getUser`), or the query as written (`this.prisma.user.findUnique`). */
  readonly label: string;
  /** The layer of the function or query at this step, when it has one. */
  readonly layer?: LayerNodeName;
}

export interface Finding {
  /** `audit/<check-id>` for project checks, the plugin's rule id for per-file rules, `parse-error` for unreadable input. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  /** The path that proves a project-wide finding, first step at the finding's own location. */
  readonly chain?: readonly ChainStep[];
  /** The reference fix, one sentence. */
  readonly fix?: string;
}

/** A finding with its stable identity and baseline status, as reports print it. */
export interface ReportedFinding extends Finding {
  /** Survives line moves: rule, file, the normalised text of the line, the chain's labels. */
  readonly fingerprint: string;
  /** Recorded in the baseline: shown, but never fails the run. */
  readonly baselined: boolean;
  /** The workspace package the finding is in (workspace roots and merged reports). */
  readonly package?: string;
}

/** A package of an audited workspace root. */
export interface AuditedPackage {
  readonly name: string;
  /** Its folder relative to the workspace root, with `/` separators. */
  readonly path: string;
  /** Files analysed in it. */
  readonly files: number;
}

export interface RouteEntry {
  /** Upper-case HTTP method, `ALL`, or `USE` for mounts without a method. */
  readonly method: string;
  readonly path: string;
  /** `UserController.list`, `adminRoutes handler`, … */
  readonly handler: string;
  readonly file: string;
  readonly line: number;
  readonly framework: string;
  /** Auth middleware or guards in front of the handler; empty when none. */
  readonly auth: readonly string[];
  /** Configured as public (`settings.auth.publicRoutes`, `@Public()`). */
  readonly public: boolean;
  /**
   * Where the auth (or the public marking) comes from: `router.use(requireAuth) at src/routes/index.ts:12`,
   * `@UseGuards(JwtAuthGuard) on class`, `APP_GUARD JwtAuthGuard in src/app.module.ts:20`,
   * `public: publicRoutes GET /health/**`. Absent when the route has neither.
   */
  readonly authEvidence?: string;
  /** Layers the handler reaches on its way to the data: `controller → service → repository → data`. */
  readonly layers: readonly string[];
}

export type LayerNodeName = 'controller' | 'service' | 'repository' | 'data';

export interface LayerEdge {
  readonly from: LayerNodeName;
  readonly to: LayerNodeName;
  /** Number of file-level dependencies (imports or calls) from one layer to the other. */
  readonly count: number;
  readonly violation: boolean;
}

/** `--explain`: a file's layer, the evidence for it, and what the layer check made of its dependencies. */
export interface ExplainedFile {
  readonly file: string;
  /** `null` when the file has no layer. */
  readonly layer: LayerNodeName | null;
  readonly evidence: readonly string[];
  /** Classes and functions with a layer of their own (a route handler, a repository class in a routes file). */
  readonly scopes: readonly { readonly name: string; readonly line: number; readonly layer: LayerNodeName; readonly evidence: readonly string[] }[];
  readonly dependencies: readonly {
    readonly line: number;
    readonly from: LayerNodeName;
    readonly to: LayerNodeName;
    /** A project file, `data`, or a DB package. */
    readonly target: string;
    readonly kind: 'import' | 'call';
    /** `allowed`, `reported`, or why the check does not judge it. */
    readonly verdict: string;
  }[];
}

export interface AuditSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  /** Findings recorded in the baseline (not counted above). */
  readonly baselined: number;
}

/** Everything an audit run found; the input of every reporter. Its JSON form is documented in docs/cli.md. */
export interface AuditResult {
  readonly schemaVersion: 1;
  readonly tool: { readonly name: string; readonly version: string };
  /** The audited directory, as given (not absolute, so reports are stable across machines). */
  readonly root: string;
  readonly summary: AuditSummary;
  readonly findings: readonly ReportedFinding[];
  readonly routes: readonly RouteEntry[];
  readonly layerGraph: { readonly edges: readonly LayerEdge[] };
  /** Each layered file's layer and evidence (`--explain`). */
  readonly explain?: readonly ExplainedFile[];
  /** Why the run is narrower than it looks (the project's ESLint config enables none of the plugin's rules). */
  readonly notes?: readonly string[];
  /** The packages audited, when the root is a workspace (or reports were merged); paths are relative to the root. */
  readonly packages?: readonly AuditedPackage[];
  /** `--changed-since`: the git ref the report is narrowed to (findings in files changed since it). */
  readonly changedSince?: string;
}

/** Sort order of reports: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/** `order.service.ts:42 loop → user.service.ts:18 UserService.getUser → …` */
export function formatChain(chain: readonly ChainStep[]): string {
  return chain.map((step) => `${step.file.slice(step.file.lastIndexOf('/') + 1)}:${String(step.line)} ${step.label}`).join(' → ');
}
