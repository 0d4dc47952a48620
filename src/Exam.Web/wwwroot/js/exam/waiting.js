// Waiting for admission: the hub says when the proctor admits; a slow poll covers a lost message.
(function () {
  'use strict';
  const next = document.getElementById('exam-waiting').dataset.next;
  const go = () => { window.location.href = next; };
  if (window.signalR) {
    // WebSockets without negotiation: any node behind the load balancer can take the one request.
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/exam', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
      .withAutomaticReconnect().build();
    connection.on('Admitted', go);
    connection.start().catch(() => { });
  }
  setInterval(go, 15000);
})();
