import { ConnectionStatus as ConnectionStatusView } from "../components/ConnectionStatus.tsx";
import { useWebSocket } from "../lib/realtime/use_web_socket.ts";

/** Props of the {@linkcode ConnectionStatus} island. */
export interface ConnectionStatusIslandProps {
  /** The signed-in user (the socket is theirs). */
  userId: string;
}

/** The connection indicator, on the tab's shared socket. */
export default function ConnectionStatus({ userId }: ConnectionStatusIslandProps) {
  const client = useWebSocket(userId);
  return <ConnectionStatusView state={client.state.value} rttMs={client.rttMs.value} />;
}
