import { describe, expect, it } from 'vitest';
import { LoopbackUrlRewriter, rewriteLoopbackUrls } from './loopback-url-note';

describe('rewriteLoopbackUrls', () => {
  it('replaces a dev server address with where the app is shown', () => {
    expect(rewriteLoopbackUrls('  Local:   http://localhost:5173/\n')).toBe('  Local:   the Preview pane (port 5173)\n');
    expect(rewriteLoopbackUrls('listening on http://127.0.0.1:3000')).toBe('listening on the Preview pane (port 3000)');
    expect(rewriteLoopbackUrls('at http://0.0.0.0:8080/app/ and http://[::1]:4000/')).toBe(
      'at the Preview pane (port 8080, /app/) and the Preview pane (port 4000)',
    );
  });

  it("reads through Vite's colours around the port", () => {
    const vite = '  \x1b[32m➜\x1b[39m  \x1b[1mLocal\x1b[22m:   \x1b[36mhttp://localhost:\x1b[1m5173\x1b[22m/\x1b[39m\n';
    expect(rewriteLoopbackUrls(vite)).toBe('  \x1b[32m➜\x1b[39m  \x1b[1mLocal\x1b[22m:   \x1b[36mthe Preview pane (port 5173)\x1b[39m\n');
  });

  it('leaves other addresses and text alone', () => {
    const text = 'see https://example.com:8443/x and localhost:5173 without a scheme\n';
    expect(rewriteLoopbackUrls(text)).toBe(text);
  });
});

describe('LoopbackUrlRewriter', () => {
  it('rewrites an address cut between chunks', () => {
    const rewriter = new LoopbackUrlRewriter();
    const shown = [rewriter.write('  Local:   htt'), rewriter.write('p://local'), rewriter.write('host:5173/\n  Network: use --host\n')];
    expect(shown.join('') + rewriter.flush()).toBe('  Local:   the Preview pane (port 5173)\n  Network: use --host\n');
    expect(shown[0]).toBe('  Local:   ');
  });

  it('holds nothing back from a line that cannot become an address', () => {
    const rewriter = new LoopbackUrlRewriter();
    expect(rewriter.write('Ok to proceed? (y) ')).toBe('Ok to proceed? (y) ');
    expect(rewriter.flush()).toBe('');
  });

  it('gives back what it held on flush, rewritten', () => {
    const rewriter = new LoopbackUrlRewriter();
    expect(rewriter.write('open http://localhost:3000/')).toBe('open ');
    expect(rewriter.flush()).toBe('the Preview pane (port 3000)');
  });
});
