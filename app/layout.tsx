import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tabsmith',
  description: 'Describe an app, watch it get built, run it in your browser.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="h-full bg-zinc-950 text-zinc-100 antialiased">{children}</body>
    </html>
  );
}
