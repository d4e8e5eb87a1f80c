#!/usr/bin/env bash
# A site network in network namespaces, for the lab integration tests (and for trying things by hand).
#
#   site (192.168.1.2) ── lan0 [router, NAT] wan0 ── (isp, optional second NAT) ── provider (203.0.113.10)
#
# usage: netns-lab.sh up PREFIX [double-nat]    build it; namespaces are PREFIX-site, PREFIX-rtr, [PREFIX-isp,] PREFIX-prov
#        netns-lab.sh down PREFIX               tear it down (safe to repeat)
#        netns-lab.sh alg-on PREFIX [PORT]      attach the kernel SIP ALG (nft ct helper "sip") to UDP PORT (5060) on the router
#        netns-lab.sh alg-off PREFIX
#        netns-lab.sh mtu PREFIX MTU            lower the MTU of the router's WAN link (both ends)
#        netns-lab.sh drop-fragments PREFIX [prov|rtr|site]  the provider's (default), router's or site's firewall drops every IP fragment it receives (before reassembly)
#        netns-lab.sh udp-timeout PREFIX SECS   conntrack UDP timeout on the router (NAT pruning)
# Lab addresses exist only inside these namespaces; no namespace gets a route to the machine's uplink.
set -euo pipefail

cmd=${1:?usage: netns-lab.sh up|down|alg-on|alg-off|mtu|drop-fragments|udp-timeout PREFIX ...}
p=${2:?PREFIX required}
site=$p-site rtr=$p-rtr isp=$p-isp prov=$p-prov
SITE_IP=192.168.1.2 RTR_LAN=192.168.1.1 RTR_WAN=203.0.113.2 PROV_IP=203.0.113.10
CGN_RTR=100.64.0.2 CGN_ISP=100.64.0.1

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# veth pair between two namespaces, renamed inside them to the given names
link() {
  local a=$1 an=$2 b=$3 bn=$4 tmp=${p:0:6}$RANDOM
  ip link add "${tmp}a" type veth peer name "${tmp}b"
  ip link set "${tmp}a" netns "$a"
  ip link set "${tmp}b" netns "$b"
  ip -n "$a" link set "${tmp}a" name "$an"
  ip -n "$b" link set "${tmp}b" name "$bn"
  ip -n "$a" link set "$an" up
  ip -n "$b" link set "$bn" up
}

nat() {
  local ns=$1 wan=$2
  nsx "$ns" sysctl -qw net.ipv4.ip_forward=1
  nsx "$ns" nft -f - <<NFT
table ip nat {
  chain post { type nat hook postrouting priority 100; oifname "$wan" masquerade; }
}
NFT
}

case $cmd in
  up)
    for ns in "$site" "$rtr" "$prov"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
    link "$site" eth0 "$rtr" lan0
    ip -n "$site" addr add $SITE_IP/24 dev eth0
    ip -n "$site" route add default via $RTR_LAN
    ip -n "$rtr" addr add $RTR_LAN/24 dev lan0
    if [[ ${3:-} == double-nat ]]; then
      ip netns add "$isp"; ip -n "$isp" link set lo up
      link "$rtr" wan0 "$isp" lan0
      link "$isp" wan0 "$prov" eth0
      ip -n "$rtr" addr add $CGN_RTR/24 dev wan0
      ip -n "$rtr" route add default via $CGN_ISP
      ip -n "$isp" addr add $CGN_ISP/24 dev lan0
      ip -n "$isp" addr add $RTR_WAN/24 dev wan0
      nat "$isp" wan0
    else
      link "$rtr" wan0 "$prov" eth0
      ip -n "$rtr" addr add $RTR_WAN/24 dev wan0
    fi
    ip -n "$prov" addr add $PROV_IP/24 dev eth0
    nat "$rtr" wan0
    ;;
  down)
    for ns in "$site" "$rtr" "$isp" "$prov"; do ip netns del "$ns" 2>/dev/null || true; done
    ;;
  alg-on)
    port=${3:-5060}
    nsx "$rtr" nft -f - <<NFT
table ip alg {
  ct helper sip$port { type "sip" protocol udp; }
  chain pre { type filter hook prerouting priority 0; udp dport $port ct helper set "sip$port"; }
}
NFT
    ;;
  alg-off)
    nsx "$rtr" nft delete table ip alg 2>/dev/null || true
    ;;
  mtu)
    mtu=${3:?MTU required}
    ip -n "$rtr" link set wan0 mtu "$mtu"
    if ip netns list | grep -qw "$isp"; then ip -n "$isp" link set lan0 mtu "$mtu"; else ip -n "$prov" link set eth0 mtu "$mtu"; fi
    ;;
  drop-fragments)
    # priority -500 runs before conntrack's reassembly (-400), so the rule sees the fragments themselves.
    # ROLE rtr: the router eats the fragments the site sends, yet fragments what it forwards itself
    case ${3:-prov} in prov) where=$prov ;; rtr) where=$rtr ;; site) where=$site ;; *) echo "netns-lab.sh: drop-fragments prov|rtr|site" >&2; exit 64 ;; esac
    nsx "$where" nft -f - <<NFT
table ip fragfw {
  chain pre { type filter hook prerouting priority -500; ip frag-off & 0x3fff != 0 counter drop; }
}
NFT
    ;;
  udp-timeout)
    nsx "$rtr" sysctl -qw net.netfilter.nf_conntrack_udp_timeout="${3:?seconds required}"
    ;;
  *)
    echo "netns-lab.sh: unknown command $cmd" >&2
    exit 64
    ;;
esac
