<?php

declare(strict_types=1);

// ./memlab's application (see lab/src/Cli/Application.php); the bootstrap ./memlab runs it.

require __DIR__ . '/autoload.php';
require_once '/usr/share/php/Symfony/Component/Console/autoload.php';

$_SERVER['PHP_SELF'] = './memlab'; // how the help names the program

exit((new MemoryLab\Lab\Cli\Application())->main($argv));
