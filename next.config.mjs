/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Tabsmith is served from the machine it runs on: gzipping its 16 MB of editor files on every open only took CPU
  // from the project's own npm install (the sandbox's egress proxy runs in this same process).
  compress: false,
  // Cross-origin isolation headers depend on the browser (see lib/runtime/cross-origin-isolation.ts),
  // so server/index.ts sets them per request instead of a fixed list here.
};

export default nextConfig;
