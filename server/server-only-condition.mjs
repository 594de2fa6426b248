// This process is the server: `server-only` resolves as it does inside Next's server bundles, so modules guarded by it
// can be imported here too.
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== 'server-only') return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
}
