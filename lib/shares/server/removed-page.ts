/**
 * The page a revoked or expired share link answers with, HTTP 410. The proxy sends it whole:
 * a rewrite to an app page would depend on how the server was started (`next start -H` turns
 * the rewrite into an external hop that answers 200), and it needs nothing from the app anyway.
 */
export const REMOVED_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>This link was removed</title>
<style>
  :root { color-scheme: light dark; font-family: ui-sans-serif, system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 32rem; padding: 2rem 1rem; text-align: center; }
  h1 { font-size: 1.5rem; margin: 0 0 .75rem; }
  p { opacity: .75; line-height: 1.5; }
  a { display: inline-block; margin-top: 1rem; padding: .5rem 1rem; border-radius: .5rem; background: #4f46e5; color: #fff; text-decoration: none; }
  a:focus-visible { outline: 3px solid #a5b4fc; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>This link was removed</h1>
<p>Its creator revoked this shared conversation, or it reached its expiry date. Its content is no longer available.</p>
<a href="/">Go to the playground</a>
</main>
</body>
</html>
`;
