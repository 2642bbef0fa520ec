import { join } from 'node:path';
import {
  ChangeType,
  GeneratorCallback,
  Tree,
  applyChangesToString,
  formatFiles,
  generateFiles,
  getProjects,
  logger,
  names,
  readJson,
  updateJson,
} from '@nx/devkit';
import * as ts from 'typescript';

export interface ServiceGeneratorOptions {
  /** The bounded context's name in kebab-case, e.g. `fraud-screening`. */
  readonly name: string;
  /** Leave the files as the templates render them (no Prettier). */
  readonly skipFormat?: boolean;
}

/** Where the generator registers a service besides its own folder. */
export const EMBEDDED_RUNTIME = 'deploy/runtime/embedded.ts';
export const ROOT_TSCONFIG = 'tsconfig.base.json';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;

/**
 * `nx g @claims/scaffold:service <name>`: a new service in the house style (docs/contributing.md)
 * with an example process (`<Name>Case`: opened, then closed), registered in the embedded runtime
 * and as `@claims/<name>` in tsconfig.base.json (jest finds it by its project.json). Refuses a
 * name that is not kebab-case or that an existing service, project or path alias already has.
 */
export async function serviceGenerator(
  tree: Tree,
  options: ServiceGeneratorOptions,
): Promise<GeneratorCallback> {
  const name = validServiceName(tree, options.name);
  const vars = templateVariables(name);
  registerInEmbeddedRuntime(tree, name, `${vars.className}Module`);
  addPathAlias(tree, name);
  generateFiles(tree, join(__dirname, 'files'), `services/${name}`, { ...vars, tmpl: '' });
  if (!options.skipFormat) await formatFiles(tree, { sortRootTsconfigPaths: false });
  return () =>
    logger.info(
      [
        `services/${name} is registered in ${EMBEDDED_RUNTIME} and ${ROOT_TSCONFIG}. Next:`,
        `  npx jest --selectProjects ${name}        its specs`,
        `  npx nx serve ${name}                      the service alone`,
        `  services/${name}/README.md               say what it does; give it its own permissions in`,
        `                                            libs/service-host/src/security/access-policy.ts`,
      ].join('\n'),
    );
}

export default serviceGenerator;

/** The names a template uses, e.g. for `fraud-screening`: FraudScreening, fraud-screening-case, FraudScreeningCase… */
export function templateVariables(name: string) {
  const service = names(name);
  const processName = `${name}-case`;
  const processNames = names(processName);
  return {
    name,
    className: service.className,
    propertyName: service.propertyName,
    constantName: constantOf(name),
    process: processName,
    processClass: processNames.className,
    processProperty: processNames.propertyName,
    processConstant: constantOf(processName),
    processSnake: processName.replace(/-/g, '_'),
  };
}

/** `demo-x-case` -> `DEMO_X_CASE` (devkit's constantName makes `DEMO_XCASE` of it). */
function constantOf(kebab: string): string {
  return kebab.replace(/-/g, '_').toUpperCase();
}

function validServiceName(tree: Tree, raw: string | undefined): string {
  const name = String(raw ?? '').trim();
  if (!KEBAB_CASE.test(name)) {
    throw new Error(
      `Refused: "${name}" is not a service name. Use kebab-case: lower-case letters and digits, words joined by single hyphens, starting with a letter (e.g. fraud-screening).`,
    );
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Refused: "${name}" is longer than ${MAX_NAME_LENGTH} characters (it names database schemas and tables).`,
    );
  }
  if (tree.exists(`services/${name}`)) {
    throw new Error(
      `Refused: services/${name} already exists. Choose another name, or remove that folder first.`,
    );
  }
  if (getProjects(tree).has(name)) {
    throw new Error(`Refused: an Nx project named "${name}" already exists (npx nx show projects).`);
  }
  const paths = readJson(tree, ROOT_TSCONFIG).compilerOptions?.paths ?? {};
  if (paths[`@claims/${name}`]) {
    throw new Error(
      `Refused: ${ROOT_TSCONFIG} already maps @claims/${name} (to ${paths[`@claims/${name}`]}).`,
    );
  }
  return name;
}

function addPathAlias(tree: Tree, name: string): void {
  updateJson(tree, ROOT_TSCONFIG, (json) => {
    json.compilerOptions.paths = {
      ...json.compilerOptions.paths,
      [`@claims/${name}`]: [`./services/${name}/src/index.ts`],
    };
    return json;
  });
}

/**
 * Adds `import { <Module> } from '@claims/<name>'` (in order among the imports) and
 * `<Module>.register()` at the end of `allServices`.
 */
function registerInEmbeddedRuntime(tree: Tree, name: string, moduleClass: string): void {
  const source = tree.read(EMBEDDED_RUNTIME, 'utf-8');
  if (source === null)
    throw new Error(`Refused: ${EMBEDDED_RUNTIME} is missing, so the service cannot be registered.`);
  const file = ts.createSourceFile(EMBEDDED_RUNTIME, source, ts.ScriptTarget.Latest, true);
  const services = allServicesArray(file);
  if (!services) {
    throw new Error(
      `Refused: ${EMBEDDED_RUNTIME} has no \`export const allServices = () => [ ... ]\` to add ${moduleClass}.register() to.`,
    );
  }
  const specifier = `@claims/${name}`;
  const imports = file.statements.filter(ts.isImportDeclaration);
  const next = imports.find(
    (i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text > specifier,
  );
  const last = services.elements[services.elements.length - 1];
  tree.write(
    EMBEDDED_RUNTIME,
    applyChangesToString(source, [
      next
        ? {
            type: ChangeType.Insert,
            index: next.getStart(),
            text: `import { ${moduleClass} } from '${specifier}';\n`,
          }
        : {
            type: ChangeType.Insert,
            index: imports.length ? imports[imports.length - 1].getEnd() : 0,
            text: `\nimport { ${moduleClass} } from '${specifier}';\n`,
          },
      last
        ? { type: ChangeType.Insert, index: last.getEnd(), text: `,\n  ${moduleClass}.register()` }
        : { type: ChangeType.Insert, index: services.elements.pos, text: `\n  ${moduleClass}.register(),\n` },
    ]),
  );
}

function allServicesArray(file: ts.SourceFile): ts.ArrayLiteralExpression | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'allServices') continue;
      const init = declaration.initializer;
      if (init && ts.isArrowFunction(init)) {
        const body = ts.isParenthesizedExpression(init.body) ? init.body.expression : init.body;
        if (ts.isArrayLiteralExpression(body)) return body;
      }
    }
  }
  return undefined;
}
