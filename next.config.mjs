/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Cross-origin isolation headers depend on the browser (see lib/runtime/cross-origin-isolation.ts),
  // so server/index.ts sets them per request instead of a fixed list here.
};

export default nextConfig;
