export default function Home() {
  return <h1>version one</h1>;
}
