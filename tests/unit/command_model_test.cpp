// The command model's address facts: which hosts are loopback, and which listeners a probe from inside
// the container reaches.
#include "model/command_model.h"
#include "test_support.h"

using namespace cfglint;

TEST_CASE("loopback hosts: localhost, 127.0.0.0/8, ::1; 0.0.0.0 only as a destination") {
  for (const char* h : {"localhost", "LOCALHOST", "127.0.0.1", "127.0.1.1", "::1", "[::1]"}) CHECK(is_loopback_host(h));
  for (const char* h : {"db", "10.0.0.1", "0.0.0.0", "::", "", "localhost.example.com"}) CHECK_FALSE(is_loopback_host(h));
  CHECK(is_loopback_host("0.0.0.0", true));
  CHECK_FALSE(is_loopback_host("db", true));
}

TEST_CASE("listeners a probe inside the container reaches") {
  ListenAddress all{"0.0.0.0", 8000, false}, loop{"127.0.0.1", 8000, true}, v6{"::1", 8000, false}, iface{"10.0.0.5", 8000, false};
  CHECK(listener_reachable(all, "localhost"));
  CHECK(listener_reachable(all, "web"));
  CHECK(listener_reachable(loop, "localhost"));
  CHECK(listener_reachable(loop, "127.0.0.1"));
  CHECK_FALSE(listener_reachable(loop, "web"));  // the service name resolves to the container's address
  CHECK(listener_reachable(v6, "[::1]"));
  CHECK_FALSE(listener_reachable(v6, "127.0.0.1"));
  CHECK_FALSE(listener_reachable(iface, "localhost"));
}

TEST_CASE("gunicorn's default listener and what can move it") {
  CommandModel m = analyze_command({"gunicorn", "shop.wsgi"});
  REQUIRE(m.listens.size() == 1);
  CHECK(m.listens[0].host == "127.0.0.1");
  CHECK(m.listens[0].port == 8000);
  CHECK(m.listens[0].defaulted);
  CommandModel with_port = analyze_command({"gunicorn", "shop.wsgi"}, {{"PORT", "5000"}});
  REQUIRE(with_port.listens.size() == 1);
  CHECK(with_port.listens[0].host == "0.0.0.0");  // gunicorn binds 0.0.0.0:$PORT when PORT is set
  CHECK(with_port.listens[0].port == 5000);
  CHECK(analyze_command({"gunicorn", "shop.wsgi"}, {{"GUNICORN_CMD_ARGS", "--bind=0.0.0.0:9000"}}).listen_unknown);
}
