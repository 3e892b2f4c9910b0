import { ts } from 'ts-morph';
import { DI_DECORATORS } from '../../core/catalogs/frameworks.js';
import { fileContext } from '../code-context.js';
import { isCallLike, type FunctionLikeNode } from '../facts.js';
import type { CallGraph } from '../graph.js';
import { decoratorNames } from '../layers.js';
import type { Finding } from '../findings.js';
import { chainFinding, type CheckContext } from './check.js';

export const id = 'audit/no-db-access-in-controller';

/**
 * Controller code that reaches the database through helpers (a function in `lib/`, a repository
 * called directly) without passing through a service. Queries written in the controller itself are
 * the per-file rule's to report; calls into services and into other controller code are fine here.
 * The premise is a service layer: the check runs when some controller of the project calls a service
 * (`projectUsesServices`); where no controller uses one, reaching models and helpers directly is the
 * project's design (an active-record application), as for `no-db-access-in-service`. A handler that
 * calls no service itself (`app.get('/x', …)` in `app.ts` reaching Prisma through a helper) is still
 * checked in a project that has services. A health check (a module importing a health-check
 * library, `isHealthCheckModule`) probes the database on purpose and is skipped, as by the rule.
 * A DI provider that injects services (`serviceProvider`) is service code whatever it is named.
 */
export function noDbAccessInController({ graph, files }: CheckContext, projectUsesServices = true): Finding[] {
  const findings: Finding[] = [];
  if (!projectUsesServices) return findings;
  for (const file of files) {
    if (fileContext(file, graph.root).healthCheck) continue;
    const visit = (node: ts.Node): void => {
      if (isCallLike(node) && graph.layerAt(node) === 'controller' && graph.query(node) === undefined) {
        const target = graph.resolveCall(node);
        if (target?.node.body !== undefined && target.layer !== 'service' && target.layer !== 'controller' && !serviceProvider(graph, target.node)) {
          const tail = graph.reach(target, true);
          if (tail !== undefined) {
            findings.push(chainFinding(graph, {
              ruleId: id,
              call: node,
              lead: 'controller',
              tail,
              message: (query) => `Controller reaches the database through '${target.name}' (${query}) without a service. Move the query into a repository method and call it through a service.`,
              fix: 'Move the query into a repository method, call it from a service method, and call the service from the controller.',
            }));
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return findings;
}

const DI: ReadonlySet<string> = new Set(DI_DECORATORS);

/**
 * Is `fn` a method of a DI provider (`@Injectable()`) whose constructor injects a class of the
 * service layer? Code that calls services sits in the service layer itself, whatever it is named
 * (a translation helper of the service module that uses a translator service): a controller that
 * calls it goes through a service. A provider that injects only the DB client (a stats helper)
 * is no service.
 */
function serviceProvider(graph: CallGraph, fn: FunctionLikeNode): boolean {
  const cls = fn.parent;
  if (!ts.isClassLike(cls) || !decoratorNames(cls).some((name) => DI.has(name.slice(name.lastIndexOf('.') + 1)))) return false;
  const constructor = cls.members.find(ts.isConstructorDeclaration);
  return (constructor?.parameters ?? []).some((parameter) => {
    const type = parameter.type;
    if (type === undefined || !ts.isTypeReferenceNode(type)) return false;
    let symbol = graph.symbolAt(ts.isIdentifier(type.typeName) ? type.typeName : type.typeName.right);
    for (let hops = 0; symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0 && hops < 8; hops += 1) symbol = graph.aliased(symbol);
    const declaration = symbol?.declarations?.find((candidate) => ts.isClassLike(candidate) && graph.isProjectFile(candidate.getSourceFile()));
    return declaration !== undefined && graph.layerAt(declaration) === 'service';
  });
}
