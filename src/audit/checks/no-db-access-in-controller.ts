import { ts } from 'ts-morph';
import { fileContext } from '../code-context.js';
import { classifyJwtCall, isAuthenticationFunction } from '../../core/classify/auth.js';
import { loadsParentRelation } from '../../core/classify/layer.js';
import { buildChain, isCallLike, isFunctionNode, type CallLike } from '../facts.js';
import type { CallGraph, FunctionInfo } from '../graph.js';
import { fieldResolverFacts } from '../layers.js';
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
 * A GraphQL field resolver that only returns one load keyed by its `@Parent()` resolves a relation of
 * the parent (core's `loadsParentRelation`, as for the rule). A DI provider that injects a service-layer class is service code whatever it is named (core's
 * `layerOfClass`, told the injected classes' layers by the project view), so calling it is going through a service.
 * A function a router module exports for other modules (core `servesOtherModules`, as for the rule) serves them, not a request.
 */
export function noDbAccessInController({ graph, files }: CheckContext, projectUsesServices = true): Finding[] {
  const findings: Finding[] = [];
  if (!projectUsesServices) return findings;
  for (const file of files) {
    if (fileContext(file, graph.root).healthCheck) continue;
    const visit = (node: ts.Node): void => {
      if (isCallLike(node) && graph.layerAt(node) === 'controller' && graph.query(node) === undefined && !graph.layers.inRouterModuleHelper(node)) {
        const target = graph.resolveCall(node);
        if (target?.node.body !== undefined && target.layer !== 'service' && target.layer !== 'controller' && !loadsParentRelationAt(graph, node) && !authenticates(graph, target)) {
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

/**
 * Is the helper authentication code (core `isAuthenticationFunction`): a token check that looks the credential up
 * (`getClaimsByToken`: an API key's claims from the database, else `jwt.verify`)? Its query finds the caller, not
 * the request's data.
 */
function authenticates(graph: CallGraph, target: FunctionInfo): boolean {
  const verifiesToken = graph.callsIn(target.node).some((call) => classifyJwtCall(buildChain(call))?.operation === 'verify');
  return isAuthenticationFunction({ name: target.name.slice(target.name.lastIndexOf('.') + 1), verifiesToken });
}

/** Is `call` the one call a GraphQL field resolver returns, keyed by its parent object (core's `loadsParentRelation`)? */
function loadsParentRelationAt(graph: CallGraph, call: CallLike): boolean {
  let owner = call.parent as ts.Node | undefined;
  while (owner !== undefined && !isFunctionNode(owner)) owner = owner.parent;
  const facts = owner === undefined ? undefined : fieldResolverFacts(owner, call, (identifier) => graph.declarationOf(identifier));
  return facts !== undefined && loadsParentRelation(facts);
}
