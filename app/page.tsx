export default function Home() {
  return <main data-testid="home">Tabsmith</main>;
}
