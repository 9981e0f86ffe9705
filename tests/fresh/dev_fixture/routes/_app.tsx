import type { PageProps } from "$fresh/server.ts";

export default function App({ Component }: PageProps) {
  return (
    <html>
      <head>
        <title>Dev fixture</title>
      </head>
      <body>
        <nav>
          <a href="/">Home</a>
        </nav>
        <Component />
      </body>
    </html>
  );
}
