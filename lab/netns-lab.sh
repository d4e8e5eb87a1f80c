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
#        netns-lab.sh shape PREFIX RATE         busy-hour lab: offloads off on every veth; the access line (the ISP hop's WAN
#                                               egress, else the router's) shaped to RATE with a 35-packet FIFO
#        netns-lab.sh router-ef PREFIX RATE     the router shapes its WAN egress to RATE with an htb priority class for DSCP EF
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
  shape)
    # the access line: the ISP hop's egress when the lab has one (the router then owns no queue of its own), else the router's WAN
    rate=${3:?RATE required, e.g. 2mbit}
    # without this the shaper sees 64 KB GSO super-packets and the queue is not the one a line has
    for pair in "$site eth0" "$rtr lan0" "$rtr wan0" "$isp lan0" "$isp wan0" "$prov eth0"; do
      set -- $pair; if ip netns list | grep -qw "$1"; then nsx "$1" ethtool -K "$2" tso off gso off gro off >/dev/null; fi
    done
    if ip netns list | grep -qw "$isp"; then line=$isp; else line=$rtr; fi
    # a packet-counted FIFO drops small RTP packets as readily as bulk ones: the loss a congested line gives voice
    nsx "$line" tc qdisc replace dev wan0 root handle 1: htb default 20
    nsx "$line" tc class add dev wan0 parent 1: classid 1:20 htb rate "$rate" ceil "$rate"
    nsx "$line" tc qdisc add dev wan0 parent 1:20 handle 20: pfifo limit 35
    ;;
  router-ef)
    # the router owns the queue: htb at RATE (below the line's) with a priority class for DSCP EF
    rate=${3:?RATE required, e.g. 1900kbit}
    nsx "$rtr" tc qdisc replace dev wan0 root handle 1: htb default 20
    nsx "$rtr" tc class add dev wan0 parent 1: classid 1:1 htb rate "$rate" ceil "$rate"
    nsx "$rtr" tc class add dev wan0 parent 1:1 classid 1:10 htb rate 200kbit ceil "$rate" prio 0
    nsx "$rtr" tc qdisc add dev wan0 parent 1:10 handle 10: pfifo limit 35
    nsx "$rtr" tc class add dev wan0 parent 1:1 classid 1:20 htb rate "$rate" ceil "$rate" prio 1
    nsx "$rtr" tc qdisc add dev wan0 parent 1:20 handle 20: bfifo limit 52500
    nsx "$rtr" tc filter add dev wan0 parent 1: protocol ip prio 1 u32 match ip dsfield 0xb8 0xfc flowid 1:10
    ;;
  *)
    echo "netns-lab.sh: unknown command $cmd" >&2
    exit 64
    ;;
esac
