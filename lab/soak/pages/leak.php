<?php

/* The soak's leak page: the same page the tests serve (see handle_leak() in tests/inc). */

require_once __DIR__ . '/../../../tests/inc/handler.inc';

header('Content-Type: application/json');
echo json_encode(\MemoryLab\handle_leak($_GET)), "\n";
